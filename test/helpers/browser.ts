import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's Chromium, headless. The flags keep it off the network this machine does not have
 * (background services, updates, sync); playwright gives every launch a fresh temporary profile.
 * Its language is English whatever the machine's: the suites find elements by their English names,
 * and the interface follows the browser's language (a context may still ask for another `locale`).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=en-US',
    ],
  });
}
