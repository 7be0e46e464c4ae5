import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core: nothing downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-results', 'screenshots');

/** Skipped only on a developer machine without Chromium; under CI a missing browser fails the run. */
export const BROWSER_SKIP =
  !existsSync(CHROMIUM) && !process.env.CI
    ? `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the browser tests`
    : false;

/** Headless Chromium that resolves every *.localhost host to the loopback address, as browsers do for users. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--host-resolver-rules=MAP *.localhost 127.0.0.1',
    ],
  });
}

/** Keeps a full-page screenshot of a step as a test artifact. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
