// decktape (measured against in `npm run bench`) brings Puppeteer, which would download its own
// Chrome on install. This project drives the system Chromium instead (CHROME_PATH or /usr/bin/chromium).
module.exports = { skipDownload: true };
