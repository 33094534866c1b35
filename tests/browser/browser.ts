import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Locator, Page, chromium } from 'playwright-core';

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

/** One shopper's phone: a Chromium page plus the helpers every H5 flow needs. Page errors are collected. */
export class PhoneSession {
  readonly errors: string[] = [];

  private constructor(
    readonly browser: Browser,
    readonly page: Page,
  ) {
    page.on('pageerror', (err) => this.errors.push(err.message));
  }

  static async open(): Promise<PhoneSession> {
    const browser = await launchChromium();
    const context: BrowserContext = await phoneContext(browser);
    return new PhoneSession(browser, await context.newPage());
  }

  close(): Promise<void> {
    return this.browser.close();
  }

  /** Taro H5 keeps earlier pages in the DOM, hidden: only ever look at what is on screen. */
  $(selector: string): Locator {
    return this.page.locator(selector).filter({ visible: true });
  }

  byText(selector: string, text: string): Locator {
    return this.$(selector).filter({ hasText: text }).first();
  }

  /** Makes each value the active chip of its dimension (tapping an active chip clears it). */
  async chooseSku(values: string[]): Promise<void> {
    for (const value of values) {
      const chip = this.$('.sku-chip').filter({ hasText: new RegExp(`^\\s*${value}\\s*$`) }).first();
      await chip.waitFor();
      if (!((await chip.getAttribute('class')) ?? '').includes('sku-chip--active')) await chip.click();
    }
  }

  /**
   * Fills the address form (Taro H5 puts the id on the wrapper of the real input). The region comes from
   * paste-to-recognise, as a shopper pasting 「浙江省杭州市西湖区」 would fill it; the other fields are typed.
   */
  async fillAddress(fields: Record<'name' | 'phone' | 'province' | 'city' | 'district' | 'detail', string>): Promise<void> {
    await this.$('#addr-paste textarea, textarea#addr-paste').first().fill(`${fields.province}${fields.city}${fields.district}`);
    await this.$('#addr-paste-apply').click();
    await this.$('#addr-region-text').filter({ hasText: `${fields.province} ${fields.city} ${fields.district}` }).waitFor();
    for (const key of ['name', 'phone', 'detail'] as const) {
      await this.$(`#addr-${key} input, #addr-${key} textarea, input#addr-${key}, textarea#addr-${key}`).first().fill(fields[key]);
    }
  }

  /** Logs in from 我的 through the H5 development login page as one of the demo shoppers (小美, 老王, 阿杰). */
  async loginAs(nickname: string): Promise<void> {
    await this.page.goto(`${baseUrl()}/#/pages/mine/index`);
    await this.$('#mine-login').click();
    await this.byText('.demo-shopper', nickname).click();
    await this.$('.mine__nickname').filter({ hasText: nickname }).waitFor();
  }

  /** Reloads the page until `check` passes or `timeoutMs` runs out. */
  async reloadUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 1500): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > until) throw new Error('condition not met in time');
      await this.page.waitForTimeout(intervalMs);
      await this.page.reload();
      await this.page.waitForTimeout(800);
    }
  }

  /** The shopper's API token, as the mini program stored it. */
  token(): Promise<string | null> {
    return this.page.evaluate(() => {
      const raw = localStorage.getItem('linli.token');
      try {
        const parsed = raw ? JSON.parse(raw) : null;
        return typeof parsed === 'string' ? parsed : parsed?.data ?? raw;
      } catch {
        return raw;
      }
    });
  }
}
