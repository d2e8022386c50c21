import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The GraphQL playground must work with no internet: no CDN assets, no requests off the machine.

describe('GraphQL playground, offline', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    app = await startTestApp();
    const address = app.running.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves the playground to browsers at GET /graphql with every asset inline', async () => {
    const res = await app.http.get('/graphql').set('accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const externalAssets = [...res.text.matchAll(/<(?:script|link)[^>]+(?:src|href)=["'](https?:)?\/\/[^"']+/g)].map((m) => m[0]);
    expect(externalAssets).toEqual([]);
  });

  it('loads with zero requests off the machine and runs a query in headless Chromium', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
        outside.push(url.toString());
        return route.abort();
      }
      return route.continue();
    });
    await page.goto(`${baseUrl}/graphql`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });

    const graphqlResponse = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('m5.large'),
      { timeout: 20_000 },
    );
    await page.click('.graphiql-execute-button');
    const response = await graphqlResponse;
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.data.instanceType.name).toBe('m5.large');
    await expect
      .poll(
        async () =>
          (
            (await page
              .locator('.result-window')
              .innerText()
              .catch(() => '')) ?? ''
          ).replace(/\s+/g, ' '),
        {
          timeout: 10_000,
        },
      )
      .toContain('"ipv4AddressesPerInterface": 10');
    expect(outside).toEqual([]);
    await page.close();
  });
});
