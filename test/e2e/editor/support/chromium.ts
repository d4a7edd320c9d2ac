import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; the machine setup (`apt-get install -y chromium`) puts it here. */
export const CHROMIUM = process.env.TAILOR_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless Chromium profile in a temp dir, removed on close. */
export async function launchChromium(
  options: { locale?: string; width?: number; height?: number } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tailor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
