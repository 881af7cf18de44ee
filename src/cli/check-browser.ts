import { CHROMIUM_HELP, findChromium } from '../deck/chromium.ts';
import { readArgs } from './args.ts';
import { terminal, type Output } from './output.ts';

const USAGE = 'usage: npm run kit -- check-browser';

/** `kit check-browser`: `npm test` runs it first, so a missing browser is said once, plainly. */
export async function runCheckBrowser(args: string[], _root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('check-browser', args, { options: {}, usage: USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  const path = findChromium();
  if (path) return 0;
  const why = process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist` : 'no Chromium found at /usr/bin/chromium';
  out.error(`npm test drives a real browser and ${why}: ${CHROMIUM_HELP}.`);
  return 1;
}
