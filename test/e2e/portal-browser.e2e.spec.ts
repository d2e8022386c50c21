import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { launchBrowser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// What a portal does with the service, in a real browser: a page served from another origin calls the
// REST API and /graphql (a JSON POST, so a CORS preflight first) and reads x-request-id; and it embeds the
// subnet's /28 map as <img src=".../subnet-prefixes?format=svg&...">. Origins differ by port on 127.0.0.1.

/** A one-page site on its own port: the portal (or a stranger) whose scripts call the service. */
async function startSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>portal</title><h1>portal</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const fixture = (name: string) => readFileSync(projectPath('test', 'fixtures', 'cluster-state', name), 'utf8');

/** Runs in the page: a REST GET and a GraphQL POST with variables to the service, or the error the browser gives. */
async function callService(page: Page, base: string) {
  return page.evaluate(async (service) => {
    try {
      const rest = await fetch(`${service}/api/v1/instance-types/m5.large`);
      const gql = await fetch(`${service}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query T($n: String!) { instanceType(name: $n) { ipv4AddressesPerInterface } }',
          variables: { n: 'c5.xlarge' },
        }),
      });
      return {
        ok: true,
        restStatus: rest.status,
        restName: (await rest.json()).name,
        requestId: rest.headers.get('x-request-id'),
        gqlStatus: gql.status,
        gqlIps: (await gql.json()).data.instanceType.ipv4AddressesPerInterface,
      };
    } catch (err) {
      return { ok: false, error: String(err) };
    }
  }, base);
}

describe('portals in a browser: CORS from another origin, the /28 map as an image', () => {
  let portal: { server: Server; origin: string };
  let stranger: { server: Server; origin: string };
  let withCors: TestApp;
  let withoutCors: TestApp;
  let browser: Browser;
  const base = (app: TestApp) => `http://127.0.0.1:${(app.running.app.getHttpServer().address() as AddressInfo).port}`;

  beforeAll(async () => {
    portal = await startSite();
    stranger = await startSite();
    withCors = await startTestApp({ env: { CORS_ORIGINS: portal.origin } });
    withoutCors = await startTestApp({ databaseUrl: withCors.databaseUrl!, env: {} });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await withoutCors?.running.close();
    await withCors?.close();
    portal?.server.close();
    stranger?.server.close();
  });

  it('a page of a CORS_ORIGINS origin calls REST and GraphQL (with variables) and reads x-request-id', async () => {
    const page = await browser.newPage();
    await page.goto(portal.origin);
    const result = await callService(page, base(withCors));
    expect(result).toEqual({ ok: true, restStatus: 200, restName: 'm5.large', requestId: expect.any(String), gqlStatus: 200, gqlIps: 15 });
    await page.close();
  });

  it('a page of any other origin is refused by the browser, and so is every origin when CORS_ORIGINS is unset', async () => {
    for (const [origin, app] of [
      [stranger.origin, withCors],
      [portal.origin, withoutCors],
    ] as const) {
      const page = await browser.newPage();
      await page.goto(origin);
      const result = await callService(page, base(app));
      expect(result.ok, `${origin} -> ${base(app)}`).toBe(false);
      expect(result.error).toMatch(/Failed to fetch/);
      await page.close();
    }
  });

  it('the subnet /28 map renders as an image a portal embeds, with a block per /28 and the legend', async () => {
    const query = new URLSearchParams({
      subnetCidr: '10.0.32.0/20',
      cidrReservationsJson: fixture('subnet-cidr-reservations.json'),
      networkInterfacesJson: fixture('subnet-network-interfaces.json'),
      format: 'svg',
    });
    const src = `${base(withCors)}/api/v1/capacity/subnet-prefixes?${query}`;
    const page = await browser.newPage();
    await page.goto(portal.origin);
    const size = await page.evaluate(async (url) => {
      const img = document.createElement('img');
      img.src = url;
      document.body.append(img);
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    }, src);
    expect(size.width).toBeGreaterThan(100);
    expect(size.height).toBeGreaterThan(100);

    // Opened directly, the browser's SVG document holds one square per block (256 in a /20) and the legend.
    await page.goto(src);
    const drawn = await page.evaluate(() => ({
      blocks: document.querySelectorAll('rect[data-kind]').length,
      kinds: [...new Set([...document.querySelectorAll('rect[data-kind]')].map((r) => r.getAttribute('data-kind')))].sort(),
      text: document.documentElement.textContent ?? '',
    }));
    expect(drawn.blocks).toBeGreaterThanOrEqual(256);
    expect(drawn.kinds).toEqual(expect.arrayContaining(['FREE', 'RESERVED', 'SPOILED', 'USED']));
    expect(drawn.text).toMatch(/free/i);
    expect(drawn.text).toMatch(/spoiled/i);
    await page.close();
  });
});
