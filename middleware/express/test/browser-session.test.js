'use strict';
// The browser session snippet (middleware/browser/droplets-session.js) on a minimal fake
// window: the 30-minute inactivity rollover and the same-origin rule, with the clock mocked.
// browser-chromium.test.js runs the same file in a real browser.
const { test, describe, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { webcrypto } = require('node:crypto');

const SNIPPET = path.resolve(__dirname, '..', '..', 'browser', 'droplets-session.js');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MINUTE = 60 * 1000;

function loadSnippet() {
  delete require.cache[SNIPPET]; // a fresh copy per test: installations are per window anyway
  return require(SNIPPET);
}

class FakeStorage {
  constructor() {
    this.map = new Map();
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    this.map.set(k, String(v));
  }
}

function fakeWindow({ href = 'https://app.example.com/courses', storage = new FakeStorage(), crypto = webcrypto } = {}) {
  const fetches = [];
  const xhrs = [];
  class FakeXhr {
    open(method, url) {
      this.url = url;
      this.headers = {};
    }
    setRequestHeader(name, value) {
      this.headers[name.toLowerCase()] = value;
    }
    send() {
      xhrs.push(this);
    }
  }
  const win = {
    location: new URL(href),
    localStorage: storage,
    crypto,
    URL,
    Headers,
    XMLHttpRequest: FakeXhr,
    fetch(input, init) {
      const request = new Request(new URL(typeof input === 'object' && input.url ? input.url : String(input), href), init);
      fetches.push({ input, init, url: request.url, sid: request.headers.get('x-session-id'), headers: request.headers });
      return Promise.resolve({ ok: true });
    },
  };
  return { win, fetches, xhrs, storage };
}

function xhr(win, url, headers = {}) {
  const x = new win.XMLHttpRequest();
  x.open('GET', url);
  for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v);
  x.send();
  return x;
}

describe('session ID lifetime', () => {
  let t0;
  beforeEach((t) => {
    t0 = Date.parse('2026-11-26T03:00:00.000Z');
    t.mock.timers.enable({ apis: ['Date'], now: t0 });
  });

  test('a v4 UUID from crypto.randomUUID, kept in localStorage with the last activity', (t) => {
    const { win, fetches, storage } = fakeWindow();
    const handle = loadSnippet().install({ window: win });
    win.fetch('/api/courses');
    const id = fetches[0].sid;
    assert.match(id, UUID_V4);
    assert.equal(handle.sessionId(), id);
    assert.deepEqual(JSON.parse(storage.getItem('droplets.session')), { id, last: t0 });
  });

  test('29 minutes idle keeps the session; 30 minutes idle starts a new one', (t) => {
    const { win, fetches } = fakeWindow();
    loadSnippet().install({ window: win });
    win.fetch('/a');
    t.mock.timers.tick(29 * MINUTE);
    win.fetch('/b');
    t.mock.timers.tick(29 * MINUTE + 59 * 1000);
    win.fetch('/c');
    t.mock.timers.tick(30 * MINUTE);
    win.fetch('/d');
    const [a, b, c, d] = fetches.map((f) => f.sid);
    assert.equal(a, b);
    assert.equal(b, c, 'activity moves the inactivity window');
    assert.notEqual(c, d);
    assert.match(d, UUID_V4);
  });

  test('activity every 20 minutes keeps one session for hours', (t) => {
    const { win, fetches } = fakeWindow();
    loadSnippet().install({ window: win });
    for (let i = 0; i < 10; i += 1) {
      xhr(win, '/api/ping');
      win.fetch('/api/ping');
      t.mock.timers.tick(20 * MINUTE);
    }
    assert.equal(new Set(fetches.map((f) => f.sid)).size, 1);
  });

  test('a new page load (another window, same localStorage) continues the session within 30 minutes', (t) => {
    const first = fakeWindow();
    loadSnippet().install({ window: first.win });
    first.win.fetch('/a');
    t.mock.timers.tick(10 * MINUTE);
    const second = fakeWindow({ storage: first.storage });
    loadSnippet().install({ window: second.win });
    second.win.fetch('/b');
    assert.equal(second.fetches[0].sid, first.fetches[0].sid);
  });

  test('a corrupt or foreign stored value starts a new session; so does a clock far behind', (t) => {
    const storage = new FakeStorage();
    storage.setItem('droplets.session', '{"id":"<script>","last":0}');
    const { win, fetches } = fakeWindow({ storage });
    loadSnippet().install({ window: win });
    win.fetch('/a');
    assert.match(fetches[0].sid, UUID_V4);
    storage.setItem('droplets.session', 'not json');
    win.fetch('/b');
    assert.match(fetches[1].sid, UUID_V4);
  });

  test('without localStorage (privacy mode) the session lives in memory and still rolls over', (t) => {
    const storage = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('SecurityError'); } };
    const { win, fetches } = fakeWindow({ storage });
    loadSnippet().install({ window: win });
    win.fetch('/a');
    win.fetch('/b');
    t.mock.timers.tick(31 * MINUTE);
    win.fetch('/c');
    assert.equal(fetches[0].sid, fetches[1].sid);
    assert.notEqual(fetches[1].sid, fetches[2].sid);
  });

  test('without crypto.randomUUID (plain http) the ID is still a v4 UUID from getRandomValues', () => {
    const { win, fetches } = fakeWindow({ href: 'http://intranet.example/app', crypto: { getRandomValues: (a) => webcrypto.getRandomValues(a) } });
    loadSnippet().install({ window: win });
    win.fetch('/a');
    assert.match(fetches[0].sid, UUID_V4);
  });
});

describe('same origin only', () => {
  test('fetch: relative, absolute same-origin, URL and Request inputs get the header; other origins never', () => {
    const { win, fetches } = fakeWindow({ href: 'https://app.example.com/courses/1' });
    loadSnippet().install({ window: win });
    win.fetch('/api/a');
    win.fetch('api/b');
    win.fetch('https://app.example.com/api/c');
    win.fetch(new URL('https://app.example.com/api/d'));
    win.fetch(new Request('https://app.example.com/api/e', { headers: { accept: 'application/json' } }));
    win.fetch('https://cdn.thirdparty.net/lib.js');
    win.fetch('http://app.example.com/api/insecure'); // another scheme is another origin
    win.fetch('https://app.example.com:8443/api/port'); // another port too
    win.fetch('https://api.app.example.com/v1'); // a subdomain too
    win.fetch(new Request('https://tracker.example.org/p'));
    win.fetch('//cdn.thirdparty.net/protocol-relative');
    const sent = Object.fromEntries(fetches.map((f) => [f.url, f.sid]));
    const id = fetches[0].sid;
    for (const url of ['https://app.example.com/api/a', 'https://app.example.com/courses/api/b', 'https://app.example.com/api/c', 'https://app.example.com/api/d', 'https://app.example.com/api/e']) {
      assert.equal(sent[url], id, url);
    }
    for (const url of ['https://cdn.thirdparty.net/lib.js', 'http://app.example.com/api/insecure', 'https://app.example.com:8443/api/port', 'https://api.app.example.com/v1', 'https://tracker.example.org/p', 'https://cdn.thirdparty.net/protocol-relative']) {
      assert.equal(sent[url], null, `${url} must not get the session`);
    }
    assert.equal(fetches[4].headers.get('accept'), 'application/json', "a Request's own headers are kept");
  });

  test("fetch: the app's own headers are kept, and its own X-Session-Id is not overwritten", () => {
    const { win, fetches } = fakeWindow();
    loadSnippet().install({ window: win });
    win.fetch('/api/a', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    win.fetch('/api/b', { headers: [['X-Session-Id', 'chosen-by-the-app']] });
    assert.equal(fetches[0].headers.get('content-type'), 'application/json');
    assert.equal(fetches[0].init.method, 'POST');
    assert.equal(fetches[0].init.body, '{}');
    assert.match(fetches[0].sid, UUID_V4);
    assert.equal(fetches[1].sid, 'chosen-by-the-app');
  });

  test('XHR: same-origin calls get the header once; cross-origin calls never', () => {
    const { win, xhrs } = fakeWindow();
    loadSnippet().install({ window: win });
    xhr(win, '/api/a');
    xhr(win, 'https://other.example.net/api');
    xhr(win, '/api/b', { 'x-session-id': 'chosen-by-the-app' });
    assert.match(xhrs[0].headers['x-session-id'], UUID_V4);
    assert.equal(xhrs[1].headers['x-session-id'], undefined);
    assert.equal(xhrs[2].headers['x-session-id'], 'chosen-by-the-app');
  });

  test('a custom header name; install is idempotent; uninstall restores fetch and XHR', () => {
    const { win, fetches, xhrs } = fakeWindow();
    const originalFetch = win.fetch;
    const originalOpen = win.XMLHttpRequest.prototype.open;
    const snippet = loadSnippet();
    const handle = snippet.install({ window: win, header: 'X-Journey' });
    assert.equal(snippet.install({ window: win }), handle);
    win.fetch('/a');
    assert.match(fetches[0].headers.get('x-journey'), UUID_V4);
    handle.uninstall();
    assert.equal(win.fetch, originalFetch);
    assert.equal(win.XMLHttpRequest.prototype.open, originalOpen);
    win.fetch('/b');
    xhr(win, '/c');
    assert.equal(fetches[1].headers.get('x-journey'), null);
    assert.equal(xhrs[0].headers['x-journey'], undefined);
  });
});
