import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

export const SCREENSHOTS = join(__dirname, '../.artifacts/screenshots');

/** Debian's Chromium, headless, with no network beyond this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone: 375×812 at device scale 2, touch, a Chinese locale. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
}

/** Saves a screenshot under tests/.artifacts/screenshots once page transitions and toasts have settled. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export function baseUrl(): string {
  const url = process.env.LINLI_BROWSER_URL;
  if (!url) throw new Error('LINLI_BROWSER_URL is not set: run through tests/browser/jest.config.js');
  return url;
}
