'use strict';
// The session snippet in a real browser (Debian's Chromium, headless): loaded by a plain
// <script> tag and as an ES module, it adds X-Session-Id to fetch and XHR calls to the page's
// origin, never to a third-party origin that would accept it, and the ID survives reloads
// and rolls over after 30 minutes without activity.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const { chromium } = require('playwright-core');
const { listen } = require('./helpers/http');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BROWSER_DIR = path.resolve(__dirname, '..', '..', 'browser');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let browser;
let appOrigin;
let thirdParty;
const seen = []; // {origin: 'app'|'third', path, sid, preflightAsked}

function recorder(name, extra) {
  return (req, res) => {
    extra && extra(req, res);
    if (req.method === 'OPTIONS') {
      seen.push({ origin: name, path: req.url, preflight: String(req.headers['access-control-request-headers'] || '') });
      res.writeHead(204);
      return res.end();
    }
    seen.push({ origin: name, path: req.url, sid: req.headers['x-session-id'] || null });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  };
}

const PAGE_SCRIPT = (third) => `<!doctype html><meta charset="utf-8"><title>t</title>
<script src="/droplets-session.js"></script>
<script>
  window.handle = dropletsSession.install();
  window.calls = async function () {
    await fetch('/api/fetch');
    await fetch('${third}/api/fetch', { mode: 'cors' }).catch(() => {});
    await new Promise((done) => { const x = new XMLHttpRequest(); x.open('GET', '/api/xhr'); x.onloadend = done; x.send(); });
    await new Promise((done) => { const x = new XMLHttpRequest(); x.open('GET', '${third}/api/xhr'); x.onloadend = done; x.send(); });
  };
</script>`;

const PAGE_MODULE = `<!doctype html><meta charset="utf-8"><title>m</title>
<script type="module">
  import { install } from '/droplets-session.mjs';
  window.handle = install();
  window.ready = true;
</script>`;

before(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run scripts/ensure-chromium (make test does) or set CHROMIUM_PATH`);
  }
  // A third party that would accept the header (CORS allows it): only the snippet keeps it away.
  const third = await listen(recorder('third', (req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'X-Session-Id');
  }));
  thirdParty = third;
  const app = await listen((req, res) => {
    if (req.url === '/script.html') return send(res, 'text/html', PAGE_SCRIPT(third.url));
    if (req.url === '/module.html') return send(res, 'text/html', PAGE_MODULE);
    if (req.url === '/droplets-session.js' || req.url === '/droplets-session.mjs') {
      return send(res, 'text/javascript', fs.readFileSync(path.join(BROWSER_DIR, req.url.slice(1))));
    }
    return recorder('app')(req, res);
  });
  appOrigin = app;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

function send(res, type, body) {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
}

after(async () => {
  await browser?.close();
  await appOrigin?.close();
  await thirdParty?.close();
});

test('script tag: same-origin fetch and XHR carry the session; the third party never sees it', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    seen.length = 0;
    await page.goto(`${appOrigin.url}/script.html`);
    await page.evaluate(() => window.calls());
    const id = await page.evaluate(() => window.handle.sessionId());
    assert.match(id, UUID_V4);
    const app = seen.filter((s) => s.origin === 'app' && s.path.startsWith('/api/'));
    assert.deepEqual(app.map((s) => [s.path, s.sid]), [['/api/fetch', id], ['/api/xhr', id]]);
    const third = seen.filter((s) => s.origin === 'third');
    assert.deepEqual(third.map((s) => s.path).sort(), ['/api/fetch', '/api/xhr']);
    assert.ok(third.every((s) => s.sid === null && s.preflight === undefined), JSON.stringify(third));

    // WHEN the page is loaded again: the same session
    seen.length = 0;
    await page.reload();
    await page.evaluate(() => fetch('/api/again'));
    assert.equal(seen.find((s) => s.path === '/api/again').sid, id);

    // WHEN the last activity is 31 minutes old: a new session
    await page.evaluate(() => {
      const saved = JSON.parse(localStorage.getItem('droplets.session'));
      saved.last -= 31 * 60 * 1000;
      localStorage.setItem('droplets.session', JSON.stringify(saved));
    });
    await page.evaluate(() => fetch('/api/later'));
    const later = seen.find((s) => s.path === '/api/later').sid;
    assert.match(later, UUID_V4);
    assert.notEqual(later, id);
  } finally {
    await context.close();
  }
});

test('ES module: the same snippet imported from droplets-session.mjs', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    seen.length = 0;
    await page.goto(`${appOrigin.url}/module.html`);
    await page.waitForFunction(() => window.ready === true);
    await page.evaluate(() => fetch('/api/module'));
    const id = await page.evaluate(() => window.handle.sessionId());
    assert.match(id, UUID_V4);
    assert.equal(seen.find((s) => s.path === '/api/module').sid, id);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
