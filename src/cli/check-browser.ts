import { CHROMIUM_HELP, findChromium } from '../deck/chromium.ts';

/** `kit check-browser`: `npm test` runs it first, so a missing browser is said once, plainly. */
export async function runCheckBrowser(): Promise<number> {
  const path = findChromium();
  if (path) return 0;
  const why = process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist` : 'no Chromium found at /usr/bin/chromium';
  console.error(`npm test drives a real browser and ${why}: ${CHROMIUM_HELP}.`);
  return 1;
}
