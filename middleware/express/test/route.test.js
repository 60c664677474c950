'use strict';
// request.route is a pattern from the app's code, never the URL it matched: routers and
// sub-apps mounted on paths with parameters, nested, on arrays of paths and on regular
// expressions, on real Express 4 and 5 servers. When no pattern can be known the route is
// null (the pipeline derives one from the scrubbed path), never the matched URL.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const droplets = require('..');
const { decompile } = require('../lib/route');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord } = require('./helpers/schema');
const { EXPRESS_VERSIONS, listen, request } = require('./helpers/http');
const { made } = require('./helpers/app');

const EMAIL = 'jane.doe@example.com';
const ok = (req, res) => res.json({ ok: true });
const boom = () => {
  throw new Error('boom');
};

// Shapes for both versions: [name, build(express, mw) -> app, [[url, expected route], ...]];
// every app mounts droplets first (appWith), then makes its own calls (see helpers/app.js).
const appWith = (express, mw, calls) => made(express, [['use', mw], ...calls]);
const answer500 = ['use', (err, req, res, next) => res.status(500).json({ error: err.message })];

const COMMON = [
  ['a router mounted on a path with a parameter', (express, mw) => appWith(express, mw, [
    ['use', '/users/:id', made(express.Router, [['get', '/orders', ok], ['get', '/orders/:order', ok], ['get', '/', ok]])],
  ]), [
    [`/users/${EMAIL}/orders`, '/users/:id/orders'],
    [`/users/${encodeURIComponent(EMAIL)}/orders/ord-991`, '/users/:id/orders/:order'],
    [`/users/${EMAIL}`, '/users/:id'],
    [`/USERS/${EMAIL}/Orders`, '/users/:id/orders'],
  ]],
  ['routers nested three deep, each on parameters', (express, mw) => {
    const tasks = made(express.Router, [['get', '/tasks/:task', ok]]);
    const projects = made(express.Router, [['use', '/projects/:project', tasks]]);
    return appWith(express, mw, [['use', '/t/:tenant', projects]]);
  }, [[`/t/${EMAIL}/projects/p-1/tasks/42`, '/t/:tenant/projects/:project/tasks/:task']]],
  ['a router mounted on an array of paths', (express, mw) => appWith(express, mw, [
    ['use', ['/a/:x', '/b'], made(express.Router, [['get', '/item', ok]])],
  ]), [
    [`/a/${EMAIL}/item`, '/a/:x/item'],
    ['/b/item', '/b/item'],
  ]],
  ['a router mounted on a regular expression', (express, mw) => appWith(express, mw, [
    ['use', /^\/v\d+/, made(express.Router, [['get', '/items/:id', ok]])],
  ]), [['/v2/items/9', `${String(/^\/v\d+/)}/items/:id`]]],
  ['a route on an array of paths and one on a regular expression', (express, mw) => appWith(express, mw, [
    ['get', ['/list/:page', '/index'], ok],
    ['get', /^\/legacy\/.+$/, ok],
  ]), [
    ['/list/3', '/list/:page'],
    ['/index', '/index'],
    [`/legacy/${EMAIL}`, String(/^\/legacy\/.+$/)],
  ]],
  ['a sub-app mounted on a parameter', (express, mw) => appWith(express, mw, [
    ['use', '/org/:org', made(express, [['get', '/members/:member', ok]])],
  ]), [[`/org/${EMAIL}/members/${EMAIL}`, '/org/:org/members/:member']]],
  ['a sub-app mounted on an array of paths', (express, mw) => appWith(express, mw, [
    ['use', ['/one/:a', '/two'], made(express, [['get', '/x', ok]])],
  ]), [['/one/secret-a/x', '/one/:a/x'], ['/two/x', '/two/x']]],
  ['a sub-app used inside a router on a parameter, in a router on a parameter', (express, mw) => {
    const sub = made(express, [['get', '/x/:y', ok]]);
    const inner = made(express.Router, [['use', '/s/:sid', sub]]);
    return appWith(express, mw, [['use', '/r/:rid', inner]]);
  }, [[`/r/${EMAIL}/s/${EMAIL}/x/1`, '/r/:rid/s/:sid/x/:y']]],
  ['one router mounted at two paths', (express, mw) => {
    const r = made(express.Router, [['get', '/items/:id', ok]]);
    return appWith(express, mw, [['use', '/a/:first', r], ['use', '/b/:second', r], ['use', r]]);
  }, [
    ['/a/1/items/2', '/a/:first/items/:id'],
    ['/b/1/items/2', '/b/:second/items/:id'],
    ['/items/2', '/items/:id'],
  ]],
  ['an error in a nested router, answered by the app\'s error handler', (express, mw) => appWith(express, mw, [
    ['use', '/users/:user', made(express.Router, [['get', '/broken/:id', boom]])],
    ['use', mw.errorHandler],
    answer500,
  ]), [[`/users/${EMAIL}/broken/7`, '/users/:user/broken/:id']]],
  ['an error in a sub-app that mounts capture.errorHandler, answered by the parent', (express, mw) => appWith(express, mw, [
    ['use', '/org/:org', made(express, [['get', '/broken/:id', boom], ['use', mw.errorHandler]])],
    answer500,
  ]), [[`/org/${EMAIL}/broken/7`, '/org/:org/broken/:id']]],
  ['an error in a sub-app answered by the parent, once droplets has seen the sub-app answer', (express, mw) => appWith(express, mw, [
    ['use', '/org/:org', made(express, [['get', '/fine', ok], ['get', '/broken/:id', boom]])],
    answer500,
  ]), [
    // the first error: the sub-app is hidden behind Express's wrapper, and droplets has not seen it yet
    [`/org/${EMAIL}/broken/1`, null],
    [`/org/${EMAIL}/fine`, '/org/:org/fine'],
    [`/org/${EMAIL}/broken/2`, '/org/:org/broken/:id'],
  ]],
  ['no pattern can be known: null, never the URL', (express, mw) => {
    const r = made(express.Router, [['get', '/orders', ok]]);
    return appWith(express, mw, [
      // a router called from a plain function: Express keeps no trace of the mount
      ['use', '/wrapped/:id', (req, res, next) => r(req, res, next)],
      // an error inside a sub-app answered by the parent (the sub-app is hidden behind Express's wrapper)
      ['use', '/org/:org', made(express, [['get', '/broken', boom]])],
      answer500,
      // a middleware, not a route, answering
      ['use', '/static/:file', (req, res) => res.send('file')],
    ]);
  }, [
    [`/wrapped/${EMAIL}/orders`, null],
    [`/org/${EMAIL}/broken`, null],
    [`/static/${EMAIL}`, null],
    [`/nowhere/${EMAIL}`, null],
  ]],
];

const ONLY = {
  4: [
    ['Express 4 patterns: custom parameter regexps, optional parameters, wildcards', (express, mw) => appWith(express, mw, [
      ['use', '/users/:id(\\d+)', made(express.Router, [['get', '/orders', ok]])],
      ['use', '/docs/:lang?', made(express.Router, [['get', '/page', ok]])],
      ['use', '/files/*', made(express.Router, [['get', '/', ok]])],
      ['get', '/dl/:name.:ext', ok],
      ['get', '/range/:from-:to', ok],
    ]), [
      ['/users/123/orders', '/users/:id(\\d+)/orders'],
      ['/docs/en/page', '/docs/:lang?/page'],
      ['/docs/page', null], // Express takes `page` for :lang, and answers 404
      [`/files/${EMAIL}/x`, '/files/*'],
      ['/dl/report.pdf', '/dl/:name.:ext'],
      ['/range/1-9', '/range/:from-:to'],
    ]],
  ],
  5: [
    ['Express 5 patterns (path-to-regexp 8): optional groups, named wildcards', (express, mw) => appWith(express, mw, [
      ['use', '/docs{/:lang}', made(express.Router, [['get', '/page', ok]])],
      ['get', '/files/*splat', ok],
      ['get', '/dl/:name.:ext', ok],
    ]), [
      ['/docs/en/page', '/docs{/:lang}/page'],
      ['/docs/page', null], // Express takes `page` for :lang, and answers 404
      [`/files/${EMAIL}/a/b`, '/files/*splat'],
      ['/dl/report.pdf', '/dl/:name.:ext'],
    ]],
  ],
};

for (const [name, express] of EXPRESS_VERSIONS) {
  const version = Number(name.split(' ')[1]);
  describe(`request.route on ${name}`, () => {
    for (const [shape, build, calls] of [...COMMON, ...ONLY[version]]) {
      test(shape, async () => {
        // GIVEN droplets mounted first on the shape's app
        const sqs = new FakeSqs();
        const mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: sqs, flushIntervalMs: 10, onError: () => {} });
        const server = await listen(build(express, mw));
        try {
          // WHEN each URL is called
          for (const [url] of calls) {
            const res = await request(`${server.url}${url}`);
            assert.ok(res.status === 200 || res.status === 404 || res.status === 500, `${url}: ${res.status}`);
          }
          await mw.close(2000);
          // THEN each record's route is the pattern, and holds nothing of the URL's values
          assert.equal(sqs.received.length, calls.length);
          for (const [url, expected] of calls) {
            const record = assertValidRecord(sqs.received.find((r) => r.request.path === url.split('?')[0]));
            assert.equal(record.request.route, expected, url);
            if (record.request.route !== null) assert.ok(!/jane|secret-a/.test(record.request.route), record.request.route);
          }
        } finally {
          await server.close();
        }
      });
    }
  });
}

describe('Express 4 regular expressions back to their patterns', () => {
  // GIVEN what path-to-regexp 0.1 (Express 4's) compiles for mount paths (end: false) and routes
  const pathToRegexp = require('path-to-regexp');
  const table = [
    ['/users/:id', '/users/:id'],
    ['/users/:id?', '/users/:id?'],
    ['/users/:id(\\d+)', '/users/:id(\\d+)'],
    ['/files/*', '/files/*'],
    ['/a/:b.:c', '/a/:b.:c'],
    ['/:from-:to', '/:from-:to'],
    ['/:id*', '/:id*'],
    ['/:id+', '/:id+'],
    ['/a.b', '/a.b'],
    ['/ab?cd', '/ab?cd'],
    ['/x/(foo|bar)/y', '/x/(foo|bar)/y'],
    ['/users/', '/users'],
    ['/', '/'],
  ];
  for (const end of [false, true]) {
    test(`each pattern comes back (end: ${end})`, () => {
      for (const [path, expected] of table) {
        // WHEN it is compiled and decompiled
        const keys = [];
        const re = pathToRegexp(path, keys, { end, strict: false, sensitive: false });
        // THEN the pattern is the one written (a trailing slash aside)
        assert.equal(decompile(re.source, keys, 0), expected, path);
      }
    });
  }

  test('a regular expression of the app\'s own is not taken for a compiled one', () => {
    assert.equal(decompile('^\\/v\\d+', [], 0), null);
    assert.equal(decompile('\\/anywhere', [], 0), null);
  });
});
