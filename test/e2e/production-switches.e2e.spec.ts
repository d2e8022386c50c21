import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// "Introspection and the playground can be switched off for production" (issue: production readiness).
describe('production switches', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves no playground page when switched off (off by default in production)', async () => {
    const res = await app.http.get('/graphql').set('accept', 'text/html');
    expect(res.text ?? '').not.toContain('graphiql');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses introspection when switched off, and still answers queries', async () => {
    const intro = await app.gql('{ __schema { queryType { name } } }');
    expect(intro.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ok = await app.gql('{ instanceType(name: "m5.large") { name } }').expect(200);
    expect(ok.body.data.instanceType.name).toBe('m5.large');
  });
});
