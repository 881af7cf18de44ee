import { existsSync } from 'node:fs';

/** Flags that keep headless Chromium quiet on a machine without network or sandbox. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** How to get a browser, for every message that needs one. */
export const CHROMIUM_HELP =
  'install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chrome or Chromium executable';

/**
 * The Chromium to drive: `CHROME_PATH` when set (and it must exist), else the first of the
 * usual system paths. Undefined when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROME_PATH) return existsSync(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Launches headless Chromium through playwright-core, or throws an error that says how to get one. */
export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) {
    const hint = process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist; ` : 'no Chromium found; ';
    throw new Error(`${hint}${CHROMIUM_HELP}`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROME_ARGS });
}
