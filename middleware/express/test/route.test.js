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

const EMAIL = 'jane.doe@example.com';
const ok = (req, res) => res.json({ ok: true });
const boom = () => {
  throw new Error('boom');
};

// Shapes for both versions: [name, build(express, mw) -> app, [[url, expected route], ...]];
// every app mounts droplets first (appWith).
function appWith(express, mw) {
  const app = express();
  app.use(mw);
  return app;
}

const COMMON = [
  ['a router mounted on a path with a parameter', (express, mw) => {
    const users = express.Router();
    users.get('/orders', ok);
    users.get('/orders/:order', ok);
    users.get('/', ok);
    const app = appWith(express, mw);
    app.use('/users/:id', users);
    return app;
  }, [
    [`/users/${EMAIL}/orders`, '/users/:id/orders'],
    [`/users/${encodeURIComponent(EMAIL)}/orders/ord-991`, '/users/:id/orders/:order'],
    [`/users/${EMAIL}`, '/users/:id'],
    [`/USERS/${EMAIL}/Orders`, '/users/:id/orders'],
  ]],
  ['routers nested three deep, each on parameters', (express, mw) => {
    const tasks = express.Router();
    tasks.get('/tasks/:task', ok);
    const projects = express.Router();
    projects.use('/projects/:project', tasks);
    const app = appWith(express, mw);
    app.use('/t/:tenant', projects);
    return app;
  }, [[`/t/${EMAIL}/projects/p-1/tasks/42`, '/t/:tenant/projects/:project/tasks/:task']]],
  ['a router mounted on an array of paths', (express, mw) => {
    const r = express.Router();
    r.get('/item', ok);
    const app = appWith(express, mw);
    app.use(['/a/:x', '/b'], r);
    return app;
  }, [
    [`/a/${EMAIL}/item`, '/a/:x/item'],
    ['/b/item', '/b/item'],
  ]],
  ['a router mounted on a regular expression', (express, mw) => {
    const r = express.Router();
    r.get('/items/:id', ok);
    const app = appWith(express, mw);
    app.use(/^\/v\d+/, r);
    return app;
  }, [['/v2/items/9', `${String(/^\/v\d+/)}/items/:id`]]],
  ['a route on an array of paths and one on a regular expression', (express, mw) => {
    const app = appWith(express, mw);
    app.get(['/list/:page', '/index'], ok);
    app.get(/^\/legacy\/.+$/, ok);
    return app;
  }, [
    ['/list/3', '/list/:page'],
    ['/index', '/index'],
    [`/legacy/${EMAIL}`, String(/^\/legacy\/.+$/)],
  ]],
  ['a sub-app mounted on a parameter', (express, mw) => {
    const sub = express();
    sub.get('/members/:member', ok);
    const app = appWith(express, mw);
    app.use('/org/:org', sub);
    return app;
  }, [[`/org/${EMAIL}/members/${EMAIL}`, '/org/:org/members/:member']]],
  ['a sub-app mounted on an array of paths', (express, mw) => {
    const sub = express();
    sub.get('/x', ok);
    const app = appWith(express, mw);
    app.use(['/one/:a', '/two'], sub);
    return app;
  }, [['/one/secret-a/x', '/one/:a/x'], ['/two/x', '/two/x']]],
  ['a sub-app used inside a router on a parameter, in a router on a parameter', (express, mw) => {
    const sub = express();
    sub.get('/x/:y', ok);
    const inner = express.Router();
    inner.use('/s/:sid', sub);
    const app = appWith(express, mw);
    app.use('/r/:rid', inner);
    return app;
  }, [[`/r/${EMAIL}/s/${EMAIL}/x/1`, '/r/:rid/s/:sid/x/:y']]],
  ['one router mounted at two paths', (express, mw) => {
    const r = express.Router();
    r.get('/items/:id', ok);
    const app = appWith(express, mw);
    app.use('/a/:first', r);
    app.use('/b/:second', r);
    app.use(r);
    return app;
  }, [
    ['/a/1/items/2', '/a/:first/items/:id'],
    ['/b/1/items/2', '/b/:second/items/:id'],
    ['/items/2', '/items/:id'],
  ]],
  ['an error in a nested router, answered by the app\'s error handler', (express, mw) => {
    const r = express.Router();
    r.get('/broken/:id', boom);
    const app = appWith(express, mw);
    app.use('/users/:user', r);
    app.use(mw.errorHandler);
    app.use((err, req, res, next) => res.status(500).json({ error: err.message }));
    return app;
  }, [[`/users/${EMAIL}/broken/7`, '/users/:user/broken/:id']]],
  ['an error in a sub-app that mounts capture.errorHandler, answered by the parent', (express, mw) => {
    const sub = express();
    sub.get('/broken/:id', boom);
    sub.use(mw.errorHandler);
    const app = appWith(express, mw);
    app.use('/org/:org', sub);
    app.use((err, req, res, next) => res.status(500).json({ error: err.message }));
    return app;
  }, [[`/org/${EMAIL}/broken/7`, '/org/:org/broken/:id']]],
  ['an error in a sub-app answered by the parent, once droplets has seen the sub-app answer', (express, mw) => {
    const sub = express();
    sub.get('/fine', ok);
    sub.get('/broken/:id', boom);
    const app = appWith(express, mw);
    app.use('/org/:org', sub);
    app.use((err, req, res, next) => res.status(500).json({ error: err.message }));
    return app;
  }, [
    // the first error: the sub-app is hidden behind Express's wrapper, and droplets has not seen it yet
    [`/org/${EMAIL}/broken/1`, null],
    [`/org/${EMAIL}/fine`, '/org/:org/fine'],
    [`/org/${EMAIL}/broken/2`, '/org/:org/broken/:id'],
  ]],
  ['no pattern can be known: null, never the URL', (express, mw) => {
    const r = express.Router();
    r.get('/orders', ok);
    const sub = express();
    sub.get('/broken', boom);
    const app = appWith(express, mw);
    // a router called from a plain function: Express keeps no trace of the mount
    app.use('/wrapped/:id', (req, res, next) => r(req, res, next));
    // an error inside a sub-app answered by the parent (the sub-app is hidden behind Express's wrapper)
    app.use('/org/:org', sub);
    app.use((err, req, res, next) => res.status(500).json({ error: err.message }));
    // a middleware, not a route, answering
    app.use('/static/:file', (req, res) => res.send('file'));
    return app;
  }, [
    [`/wrapped/${EMAIL}/orders`, null],
    [`/org/${EMAIL}/broken`, null],
    [`/static/${EMAIL}`, null],
    [`/nowhere/${EMAIL}`, null],
  ]],
];

const ONLY = {
  4: [
    ['Express 4 patterns: custom parameter regexps, optional parameters, wildcards', (express, mw) => {
      const r = express.Router();
      r.get('/orders', ok);
      const docs = express.Router();
      docs.get('/page', ok);
      const files = express.Router();
      files.get('/', ok);
      const app = appWith(express, mw);
      app.use('/users/:id(\\d+)', r);
      app.use('/docs/:lang?', docs);
      app.use('/files/*', files);
      app.get('/dl/:name.:ext', ok);
      app.get('/range/:from-:to', ok);
      return app;
    }, [
      ['/users/123/orders', '/users/:id(\\d+)/orders'],
      ['/docs/en/page', '/docs/:lang?/page'],
      ['/docs/page', null], // Express takes `page` for :lang, and answers 404
      [`/files/${EMAIL}/x`, '/files/*'],
      ['/dl/report.pdf', '/dl/:name.:ext'],
      ['/range/1-9', '/range/:from-:to'],
    ]],
  ],
  5: [
    ['Express 5 patterns (path-to-regexp 8): optional groups, named wildcards', (express, mw) => {
      const docs = express.Router();
      docs.get('/page', ok);
      const app = appWith(express, mw);
      app.use('/docs{/:lang}', docs);
      app.get('/files/*splat', ok);
      app.get('/dl/:name.:ext', ok);
      return app;
    }, [
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
