import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium; CI installs it. Playwright's own browser downloads are never used. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  /** The first context: its own cookies and storage, like every context of `newPage`. */
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in any page of this browser. */
  pageErrors: string[];
  /** A page in a fresh context of the same browser: another person at another computer. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Fails loudly (never skips) when Chromium is absent, naming the package that provides it. */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the console e2e test needs it. ` +
        `Install it with: apt-get install -y chromium (CI installs it). Do not run "npx playwright install".`,
    );
  }
}

/** Headless Chromium (one per suite) with a first context and page; close() ends them all. */
export async function launchBrowser(): Promise<Browser> {
  assertChromiumInstalled();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
  const pageErrors: string[] = [];
  const open = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    return { context, page };
  };
  try {
    const first = await open();
    return {
      ...first,
      pageErrors,
      newPage: async () => (await open()).page,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The serious and critical axe-core violations on `page` as it is now, one line each, named by `what`. */
export async function seriousA11yViolations(page: Page, what: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
