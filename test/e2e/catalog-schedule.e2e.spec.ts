import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app.js';

// "A cron schedule from configuration (off by default)" (issue: service and catalog).
const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

describe('scheduled catalog refresh', () => {
  const saved: Record<string, string | undefined> = {};
  let ec2: FakeEc2;
  let scheduled: TestApp;

  beforeAll(async () => {
    for (const k of AWS_ENV) saved[k] = process.env[k];
    ec2 = await startFakeEc2();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_EC2: ec2.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    // every second (six-field cron), one region to keep each run short
    scheduled = await startTestApp({ env: { CATALOG_REFRESH_CRON: '* * * * * *', CATALOG_REFRESH_REGIONS: 'eu-west-1' } });
  });
  afterAll(async () => {
    await scheduled?.close();
    await ec2?.close();
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('runs refreshes on the configured schedule, with the configured regions', async () => {
    let runs: any[] = [];
    for (let i = 0; i < 40 && !runs.some((r) => r.status === 'SUCCEEDED'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      runs = (
        await scheduled.gql('{ catalogRefreshes(first: 10) { trigger status regions requestedBy } }', undefined, adminAuth)
      ).body.data.catalogRefreshes.filter((r: any) => r.trigger === 'SCHEDULE');
    }
    expect(runs.find((r) => r.status === 'SUCCEEDED')).toMatchObject({ regions: ['eu-west-1'], requestedBy: 'schedule' });
  });

  it('is off by default', async () => {
    const plain = await startTestApp();
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const runs = (await plain.gql('{ catalogRefreshes { trigger } }')).body.data.catalogRefreshes;
      expect(runs.map((r: any) => r.trigger)).toEqual(['BUNDLED_SNAPSHOT']);
    } finally {
      await plain.close();
    }
  });
});
