import { defineConfig } from '@playwright/test';
import { CHROME_ARGS, CHROMIUM_HELP, findChromium } from './src/deck/chromium.ts';

const executablePath = findChromium();
if (!executablePath) {
  console.error(`\nThe browser tests need Chromium: ${CHROMIUM_HELP}.\n`);
  process.exit(1);
}
const PORT = Number(process.env.KIT_TEST_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROME_ARGS },
    viewport: { width: 1280, height: 720 },
  },
  webServer: {
    // The tests drive the built site, as a static host would serve it (also from a sub-path).
    command: `npm run build && tsx tests/e2e/serve.ts ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
  },
});
