// The planners' map in headless Chromium, driven by playwright-core (Debian's chromium, no
// browser download). The server is started and stopped by the caller (cli's MapBrowserIT);
// this script gets its URL and a planner's password from the environment:
//   CITYLAKE_URL, CITYLAKE_USER, CITYLAKE_PASSWORD, CITYLAKE_CITY (default aarhus),
//   CITYLAKE_SCREENSHOTS (folder for the PNGs), CHROMIUM (default /usr/bin/chromium).
// Prints one line per check and "N passed, N failed"; exits 1 when a check failed.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

const base = process.env.CITYLAKE_URL;
const user = process.env.CITYLAKE_USER || 'planner';
const password = process.env.CITYLAKE_PASSWORD;
const city = process.env.CITYLAKE_CITY || 'aarhus';
const shots = process.env.CITYLAKE_SCREENSHOTS || 'screenshots';
if (!base || !password) {
  console.error('set CITYLAKE_URL and CITYLAKE_PASSWORD (the server to test and a planner password)');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
}

// Distinct colours of an RGBA PNG (Chromium's screenshots: 8-bit RGBA or RGB, no interlace).
function distinctColours(png) {
  let pos = 8;
  let width = 0; let height = 0; let channels = 4;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      channels = { 2: 3, 6: 4 }[data[9]];
      if (data[8] !== 8 || !channels || data[12] !== 0) throw new Error('unexpected PNG format');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = Buffer.alloc(stride); const line = Buffer.alloc(stride);
  const colours = new Set();
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0; const b = prev[i]; const c = i >= channels ? prev[i - channels] : 0;
      let v = src[i];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c; const pa = Math.abs(p - a); const pb = Math.abs(p - b); const pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      line[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) colours.add(line.readUIntBE(x * channels, 3));
    line.copy(prev);
  }
  return colours;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    '--enable-unsafe-swiftshader'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  // an unauthenticated API call gets 401; a page sends the browser to sign in
  const anonymous = await page.request.get(`${base}/api/cities`);
  check('unauthenticated API call gets 401', anonymous.status() === 401, `status ${anonymous.status()}`);
  await page.goto(`${base}/?city=${city}`);
  check('an unauthenticated page goes to the sign-in page', new URL(page.url()).pathname === '/login', page.url());

  // a wrong password is refused
  await page.fill('input[name=user]', user);
  await page.fill('input[name=password]', password + 'x');
  await Promise.all([page.waitForURL(/\/login\?failed/), page.click('button[type=submit]')]);
  const refused = await page.waitForSelector('#login-error', { state: 'visible', timeout: 10000 }).then(() => true, () => false);
  check('a wrong password is refused', refused, page.url());
  await page.screenshot({ path: join(shots, 'map-login-refused.png') });
  const stillOut = await page.request.get(`${base}/api/me`);
  check('after a refused sign-in the API still answers 401', stillOut.status() === 401, `status ${stillOut.status()}`);

  // sign in; back to the map of the city
  await page.fill('input[name=user]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('button[type=submit]')]);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'citylake_session');
  check('the session cookie is HTTP-only and SameSite=Strict', session && session.httpOnly && session.sameSite === 'Strict', JSON.stringify(session && { httpOnly: session.httpOnly, sameSite: session.sameSite, secure: session.secure }));
  await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
  await page.waitForFunction(() => window.citylakeMap && window.citylakeMap.loaded() && !window.citylakeMap.isMoving(), null, { timeout: 30000 });
  await page.waitForTimeout(500);
  check('the map opens on the city', (await page.inputValue('#city')) === city);
  const legend1 = await page.textContent('#legend');
  const count = Number((await page.textContent('#legend-count')).split(' ')[0]);
  check('streets are coloured by a KPI', count > 0, legend1.slice(0, 80));

  const canvas = page.locator('canvas.maplibregl-canvas');
  const shot1 = await canvas.screenshot({ path: join(shots, 'map-traffic-tti.png') });
  const colours1 = distinctColours(shot1);
  check('the map canvas has non-trivial pixel content', colours1.size >= 20, `${colours1.size} distinct colours`);

  // switch the KPI
  const kpis = await page.$$eval('#kpi option', (os) => os.map((o) => o.value));
  await page.selectOption('#kpi', kpis[2]);
  await page.waitForFunction((want) => document.querySelector('#legend h3') && !document.querySelector('#legend h3').textContent.startsWith(want), legend1.slice(0, 12));
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForTimeout(500);
  const legend2 = await page.textContent('#legend h3');
  check('switching the KPI recolours the streets', legend2 !== legend1 && !legend1.startsWith(legend2), legend2);
  const shot2 = await canvas.screenshot({ path: join(shots, 'map-traffic-delay.png') });
  check('the recoloured map differs from the first', !shot1.equals(shot2), `${distinctColours(shot2).size} distinct colours`);

  // click a street: its profile and time series
  const target = await page.evaluate(() => {
    const map = window.citylakeMap;
    const features = map.queryRenderedFeatures({ layers: ['streets'] });
    const canvasBox = map.getCanvas().getBoundingClientRect();
    for (const f of features) {
      const coords = f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates[0];
      const mid = coords[Math.floor(coords.length / 2)];
      const p = map.project(mid);
      if (p.x > 20 && p.y > 20 && p.x < canvasBox.width - 20 && p.y < canvasBox.height - 20) {
        return { id: f.properties.id, x: canvasBox.left + p.x, y: canvasBox.top + p.y };
      }
    }
    return null;
  });
  check('a street is on screen to click', target !== null, JSON.stringify(target));
  if (target) {
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector('#profile-title', { timeout: 20000 });
    await page.waitForSelector('body[data-ready=true]');
    const title = await page.textContent('#profile-title');
    const rows = await page.$$eval('#profile-values tr', (trs) => trs.length);
    check('clicking a street shows its profile', title.length > 0 && rows > 0, `${title}: ${rows} values`);
    const charts = await page.$$eval('.profile canvas', (cs) => cs.length);
    check('the profile has a time series chart', charts > 0, `${charts} charts`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'map-profile.png') });
  }

  // another layer with no values for the city says what to do instead of failing
  await page.selectOption('#layer', 'lighting');
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForTimeout(300);
  check('a layer without data says so', (await page.textContent('#status')).length > 0, await page.textContent('#status'));

  // the air layer: PM2.5 from the street profile, in the HJ 633 bands
  await page.selectOption('#layer', 'air');
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForTimeout(300);
  const air = await page.textContent('#legend');
  check('the air layer shows PM2.5 in its bands, or says what to run', air.includes('good (35 – 75)') || (await page.textContent('#status')).includes('citylake run profile'), air.slice(0, 100));

  check('no console errors', consoleErrors.length === 0, consoleErrors.join(' | '));
} catch (e) {
  check('the browser run completed', false, e.stack || String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
