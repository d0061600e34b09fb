// Opens a CityLake report in headless Chromium and reports what a reader's browser would see:
//   node check-report.mjs <report.html> <screenshot-dir>
// Prints one JSON object: console errors and page errors, requests other than the page itself
// (a self-contained report makes none), the section headings, and a PNG screenshot per figure.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [html, outDir] = process.argv.slice(2);
if (!html || !outDir) {
  console.error('usage: node check-report.mjs <report.html> <screenshot-dir>');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  const requests = [];
  const url = pathToFileURL(path.resolve(html)).href;
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  page.on('pageerror', (e) => errors.push('page: ' + e.message));
  page.on('requestfailed', (r) => errors.push('request failed: ' + r.url()));
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
  const figures = [];
  for (const fig of await page.$$('.figure')) {
    const id = await fig.getAttribute('id');
    const png = path.join(outDir, id + '.png');
    await fig.screenshot({ path: png });
    const box = await fig.boundingBox();
    figures.push({ id, png, width: Math.round(box.width), height: Math.round(box.height) });
  }
  await page.screenshot({ path: path.join(outDir, 'page.png'), fullPage: true });
  console.log(JSON.stringify({ title: await page.title(), errors, requests, headings, figures }));
} finally {
  await browser.close();
}
