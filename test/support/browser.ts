import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * Headless Chromium for the browser specs. The suite brings its own: `@sparticuz/chromium` ships a
 * Chromium build inside its npm package, so a fresh machine needs nothing installed by hand.
 * CHROMIUM_PATH points at another Chromium instead (for example Debian's /usr/bin/chromium).
 *
 * The package's own launch flags are tuned for AWS Lambda and turn web security off
 * (`--disable-web-security` and friends) and run it as one process; those are left out, so same-origin and CORS rules hold
 * in the browser exactly as they do for users.
 */
const LEFT_OUT = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  // one process for the whole browser: closing a page would end it
  '--single-process',
]);
const OFFLINE = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  const own = process.env.CHROMIUM_PATH;
  const executablePath = own ?? (await chromium.executablePath());
  const packaged = own ? ['--headless'] : chromium.args.filter((a) => !LEFT_OUT.has(a.split('=')[0]!));
  return playwright.launch({ executablePath, headless: true, args: [...new Set([...packaged, ...OFFLINE])] });
}
