/*
 * droplets browser session snippet: a session ID for the droplets API-call lake.
 *
 * Keeps one session ID per browser (localStorage, shared by tabs) that rolls over after
 * 30 minutes without API activity, and adds it as the X-Session-Id header to fetch and
 * XMLHttpRequest calls to the page's own origin -- never to another origin, so the ID
 * does not leak to third parties (and needs no CORS set-up unless your API lives on
 * another origin: see docs/middleware.md).
 *
 * Plain JavaScript, no build step. Use it as
 *   - a script tag:  <script src="/droplets-session.js"></script>
 *                    <script>dropletsSession.install();</script>
 *   - an ES module:  import { install } from './droplets-session.mjs'; install();
 *   - CommonJS / a bundler:  require('./droplets-session.js').install();
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else if (root) root.dropletsSession = api;
})(typeof globalThis !== 'undefined' ? globalThis : typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var DEFAULTS = {
    header: 'X-Session-Id',
    storageKey: 'droplets.session',
    idleMinutes: 30,
  };
  // The server's rule (a copy of droplets/contract/session-id.json, checked against it by
  // tests/test_session_rule.py): anything else it stores as "no session".
  var VALID_ID = /^[A-Za-z0-9_-]{8,128}$/;
  var installed = typeof WeakMap === 'function' ? new WeakMap() : null;

  function uuid(win) {
    var c = win.crypto;
    // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
    if (c && typeof c.randomUUID === 'function') return c.randomUUID();
    var b = new Uint8Array(16);
    if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
    else for (var i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = '';
    for (var j = 0; j < 16; j++) h += (b[j] + 0x100).toString(16).slice(1);
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  /** The session store: localStorage when the browser allows it, else this page's memory. */
  function sessionStore(win, key, idleMs) {
    var memory = null;
    function read() {
      try {
        var raw = win.localStorage.getItem(key);
        if (raw) return JSON.parse(raw);
      } catch (e) {
        // storage disabled (privacy modes) or a value that is not ours
      }
      return memory;
    }
    function write(value) {
      memory = value;
      try {
        win.localStorage.setItem(key, JSON.stringify(value));
      } catch (e) {
        // storage full or disabled: the session lives as long as the page
      }
    }
    return {
      /** The current ID, starting a new session after `idleMs` without activity; counts as activity. */
      touch: function () {
        var now = Date.now();
        var saved = read();
        var fresh = saved && typeof saved.id === 'string' && VALID_ID.test(saved.id) &&
          typeof saved.last === 'number' && now - saved.last < idleMs && now >= saved.last - idleMs;
        var id = fresh ? saved.id : uuid(win);
        write({ id: id, last: now });
        return id;
      },
      peek: function () {
        var saved = read();
        return saved && typeof saved.id === 'string' ? saved.id : null;
      },
    };
  }

  function sameOrigin(win, url) {
    try {
      var target = new win.URL(String(url), win.location.href);
      return target.origin !== 'null' && target.origin === win.location.origin;
    } catch (e) {
      return false;
    }
  }

  function wrapFetch(win, header, store) {
    var original = win.fetch;
    if (typeof original !== 'function') return function () {};
    win.fetch = function dropletsFetch(input, init) {
      var args = arguments;
      try {
        var isRequest = input !== null && typeof input === 'object' && typeof input.url === 'string';
        if (sameOrigin(win, isRequest ? input.url : input)) {
          // Headers given in init replace a Request's own, as fetch itself does.
          var source = init && init.headers !== undefined ? init.headers : isRequest ? input.headers : undefined;
          var headers = new win.Headers(source);
          if (!headers.has(header)) {
            headers.set(header, store.touch());
            var merged = {};
            for (var k in init) if (Object.prototype.hasOwnProperty.call(init, k)) merged[k] = init[k];
            merged.headers = headers;
            args = [input, merged];
          }
        }
      } catch (e) {
        args = arguments; // never in the way of the app's own call
      }
      return original.apply(win, args);
    };
    return function () {
      win.fetch = original;
    };
  }

  function wrapXhr(win, header, store) {
    var Xhr = win.XMLHttpRequest;
    if (typeof Xhr !== 'function' || !Xhr.prototype) return function () {};
    var proto = Xhr.prototype;
    var open = proto.open;
    var setRequestHeader = proto.setRequestHeader;
    var send = proto.send;
    var state = typeof WeakMap === 'function' ? new WeakMap() : null;
    var lower = header.toLowerCase();
    proto.open = function (method, url) {
      try {
        if (state) state.set(this, { same: sameOrigin(win, url), has: false });
      } catch (e) {}
      return open.apply(this, arguments);
    };
    proto.setRequestHeader = function (name) {
      try {
        var s = state && state.get(this);
        if (s && String(name).toLowerCase() === lower) s.has = true;
      } catch (e) {}
      return setRequestHeader.apply(this, arguments);
    };
    proto.send = function () {
      try {
        var s = state && state.get(this);
        if (s && s.same && !s.has) setRequestHeader.call(this, header, store.touch());
      } catch (e) {}
      return send.apply(this, arguments);
    };
    return function () {
      proto.open = open;
      proto.setRequestHeader = setRequestHeader;
      proto.send = send;
    };
  }

  /**
   * Start adding the session header to same-origin fetch and XHR calls of `options.window`
   * (default: this window). Options: header, storageKey, idleMinutes. Installing twice on
   * one window returns the first installation.
   */
  function install(options) {
    options = options || {};
    var win = options.window || (typeof window !== 'undefined' ? window : undefined);
    if (!win) throw new Error('dropletsSession.install: no window');
    if (installed && installed.has(win)) return installed.get(win);
    var header = options.header || DEFAULTS.header;
    var idleMinutes = options.idleMinutes > 0 ? options.idleMinutes : DEFAULTS.idleMinutes;
    var store = sessionStore(win, options.storageKey || DEFAULTS.storageKey, idleMinutes * 60000);
    var undo = [wrapFetch(win, header, store), wrapXhr(win, header, store)];
    store.touch(); // a page view is activity too
    var handle = {
      /** The session ID now, without counting as activity. */
      sessionId: function () {
        return store.peek();
      },
      /** Put fetch and XMLHttpRequest back as they were. */
      uninstall: function () {
        undo.forEach(function (fn) {
          fn();
        });
        if (installed) installed.delete(win);
      },
    };
    if (installed) installed.set(win, handle);
    return handle;
  }

  return { install: install, DEFAULTS: DEFAULTS };
});
