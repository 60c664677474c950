'use strict';
// droplets mounted more than once on a request's way: the same middleware twice, two
// instances, two copies of the package, an app and a sub-app or a router that each mount
// it. Every such request gets its normal answer and is captured exactly once, by the
// outermost mount. (Before the fix each of these overflowed the stack in the wrapped
// res.write/res.end and killed the process.)
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const droplets = require('..');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord } = require('./helpers/schema');
const { loadSecondCopy } = require('./helpers/second-copy');
const { EXPRESS_VERSIONS, listen, request } = require('./helpers/http');
const { made } = require('./helpers/app');

const QUEUE = 'http://127.0.0.1:9/000000000000/events';

function instance(factory = droplets, extra = {}) {
  const sqs = new FakeSqs();
  const mw = factory({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 10, onError: () => {}, ...extra });
  return { sqs, mw };
}

// The handler answers in two writes, so both wrapped methods are on the way.
function item(req, res) {
  res.type('application/json');
  res.write(`{"id":${JSON.stringify(req.params.id)},`);
  res.end('"title":"Intro to SQL"}');
}

function boom() {
  throw new Error('boom');
}

const finalHandler = (err, req, res, next) => res.status(500).json({ error: err.message });

// The innermost layer of a shape: an app or Router using the given middlewares in order, then the item route.
const itemsWith = (factory, ...mws) => made(factory, [...mws.map((mw) => ['use', mw]), ['get', '/items/:id', item]]);

// Each shape: how many instances (of which copy), the app, and the URL that crosses every mount.
const SHAPES = [
  {
    name: 'the same middleware mounted twice on the app',
    instances: [droplets],
    build: (express, [a]) => itemsWith(express, a.mw, a.mw),
    path: '/items/7', route: '/items/:id',
  },
  {
    name: 'two instances on the app',
    instances: [droplets, droplets],
    build: (express, [a, b]) => itemsWith(express, a.mw, b.mw),
    path: '/items/7', route: '/items/:id',
  },
  {
    name: 'two copies of the package, one instance each',
    instances: [droplets, 'second copy'],
    build: (express, [a, b]) => itemsWith(express, a.mw, b.mw),
    path: '/items/7', route: '/items/:id',
  },
  {
    name: 'an app and a mounted sub-app that each use the same middleware',
    instances: [droplets],
    build: (express, [a]) => made(express, [['use', a.mw], ['use', '/shop', itemsWith(express, a.mw)]]),
    path: '/shop/items/7', route: '/shop/items/:id',
  },
  {
    name: 'an app and a mounted sub-app with their own instances (second copy inside)',
    instances: [droplets, 'second copy'],
    build: (express, [a, b]) => made(express, [['use', a.mw], ['use', '/shop', itemsWith(express, b.mw)]]),
    path: '/shop/items/7', route: '/shop/items/:id',
  },
  {
    name: 'an app and an express.Router that each use it',
    instances: [droplets],
    build: (express, [a]) => made(express, [['use', a.mw], ['use', '/api', itemsWith(express.Router, a.mw)]]),
    path: '/api/items/7', route: '/api/items/:id',
  },
  {
    name: 'an app, a router and a sub-app inside the router, three instances',
    instances: [droplets, droplets, droplets],
    build: (express, [a, b, c]) => made(express, [
      ['use', a.mw],
      ['use', '/api', made(express.Router, [['use', b.mw], ['use', '/shop', itemsWith(express, c.mw)]])],
    ]),
    path: '/api/shop/items/7', route: '/api/shop/items/:id',
  },
  {
    name: 'a router that mounts it, passed through twice (mounted at / and at /v1)',
    instances: [droplets],
    build: (express, [a]) => {
      const router = itemsWith(express.Router, a.mw);
      // The first mount does not match /v1/items/7's route and calls next().
      return made(express, [['use', router], ['use', '/v1', router]]);
    },
    path: '/v1/items/7', route: '/v1/items/:id',
  },
];

function makeInstances(kinds) {
  let secondCopy;
  return kinds.map((kind) => {
    if (kind === 'second copy') {
      secondCopy = secondCopy || loadSecondCopy();
      assert.notEqual(secondCopy, droplets, 'a distinct copy of the package');
      return instance(secondCopy);
    }
    return instance(kind);
  });
}

async function closeAll(instances) {
  await Promise.all([...new Set(instances.map((i) => i.mw))].map((mw) => mw.close(2000)));
}

for (const [name, express] of EXPRESS_VERSIONS) {
  describe(`mounted more than once, on ${name}`, () => {
    for (const shape of SHAPES) {
      test(`${shape.name}: a normal answer, one record, by the outermost mount`, { timeout: 15000 }, async () => {
        // GIVEN the shape's app on a real server
        const instances = makeInstances(shape.instances);
        const server = await listen(shape.build(express, instances));
        try {
          // WHEN a client calls the URL that crosses every mount, twenty times at once
          const responses = await Promise.all(Array.from({ length: 20 }, () => request(`${server.url}${shape.path}`)));
          await closeAll(instances);

          // THEN every call got its answer
          for (const res of responses) {
            assert.equal(res.status, 200);
            assert.deepEqual(JSON.parse(res.body.toString()), { id: '7', title: 'Intro to SQL' });
          }
          // AND each was captured exactly once, by the first instance on the way
          const [outer, ...inner] = instances;
          assert.equal(outer.sqs.received.length, 20);
          for (const other of inner) assert.equal(other.sqs.received.length, 0, 'an inner mount passes the request on');
          for (const record of outer.sqs.received) {
            assertValidRecord(record);
            assert.equal(record.request.path, shape.path);
            assert.equal(record.request.route, shape.route);
            assert.deepEqual(record.response.body, { id: '7', title: 'Intro to SQL' }, 'the body once, not twice');
            assert.equal(record.response.body_bytes, Buffer.byteLength('{"id":"7","title":"Intro to SQL"}'));
          }
          assert.equal(new Set(outer.sqs.received.map((r) => r.event_id)).size, 20);
          assert.equal(outer.mw.stats().captured, 20);
        } finally {
          await server.close();
          await closeAll(instances);
        }
      });
    }

    test('an error seen by an inner instance\'s errorHandler (another copy) is noted in the outer record', { timeout: 15000 }, async () => {
      // GIVEN an app captured by copy A, a sub-app mounting copy B with B's errorHandler only
      const [a, b] = makeInstances([droplets, 'second copy']);
      const sub = made(express, [['use', b.mw], ['get', '/boom', boom], ['use', b.mw.errorHandler]]);
      // A's errorHandler sees the same error again: noted once
      const server = await listen(made(express, [['use', a.mw], ['use', '/sub', sub], ['use', a.mw.errorHandler], ['use', finalHandler]]));
      try {
        // WHEN the handler throws
        const res = await request(`${server.url}/sub/boom`);
        await closeAll([a, b]);
        // THEN the app's own error handler answered, and A's single record holds the error
        assert.equal(res.status, 500);
        assert.deepEqual(JSON.parse(res.body.toString()), { error: 'boom' });
        assert.equal(b.sqs.received.length, 0);
        assert.equal(a.sqs.received.length, 1);
        const record = assertValidRecord(a.sqs.received[0]);
        assert.deepEqual(record.error, { type: 'Error', message: 'boom' });
        assert.equal(record.response.status, 500);
        assert.equal(record.request.route, '/sub/boom');
      } finally {
        await server.close();
      }
    });

    test('the outermost mount decides: a request it skips is not captured by an inner one', { timeout: 15000 }, async () => {
      // GIVEN an outer instance that skips /health and an inner router instance that would not
      const [a, b] = makeInstances([droplets, droplets]);
      const outer = instance(droplets, { skip: (req) => req.url.startsWith('/api/health') });
      const router = made(express.Router, [['use', b.mw], ['get', '/health', (req, res) => res.send('ok')], ['get', '/items/:id', item]]);
      const server = await listen(made(express, [['use', outer.mw], ['use', '/api', router]]));
      try {
        // WHEN the skipped URL and a captured one are called
        const health = await request(`${server.url}/api/health`);
        const items = await request(`${server.url}/api/items/7`);
        await closeAll([outer, a, b]);
        // THEN both answered; only the captured one has a record, in the outer instance
        assert.equal(health.status, 200);
        assert.equal(health.body.toString(), 'ok');
        assert.equal(items.status, 200);
        assert.equal(b.sqs.received.length, 0);
        assert.deepEqual(outer.sqs.received.map((r) => r.request.path), ['/api/items/7']);
        assert.equal(outer.mw.stats().skipped, 1);
      } finally {
        await server.close();
        await closeAll([a]);
      }
    });

    test('only the request is marked: the response gets no property of droplets\' own beyond its write/end hooks', { timeout: 15000 }, async () => {
      // GIVEN droplets, and a route that looks at what droplets put on req and res
      const MARK = Symbol.for('@droplets/express.capture');
      const [a] = makeInstances([droplets]);
      let seen;
      const app = made(express, [['use', a.mw], ['get', '/items/:id', (req, res) => {
        seen = { reqMarked: req[MARK] !== undefined, resSymbols: Object.getOwnPropertySymbols(res).filter((s) => s === MARK) };
        item(req, res);
      }]]);
      const server = await listen(app);
      try {
        // WHEN a call is captured
        assert.equal((await request(`${server.url}/items/7`)).status, 200);
        await closeAll([a]);
        // THEN the request carries the mark, the response does not (V8 builds a new hidden
        // class for every property added to an Express response: lib/capture.js), and the
        // record is whole
        assert.equal(seen.reqMarked, true);
        assert.deepEqual(seen.resSymbols, []);
        assert.deepEqual(a.sqs.received.map((r) => [r.request.route, r.response.body]), [['/items/:id', { id: '7', title: 'Intro to SQL' }]]);
      } finally {
        await server.close();
      }
    });

    test('a request an earlier version of droplets took (it marked the request and the response) is passed on', { timeout: 15000 }, async () => {
      // GIVEN an outer mount that marks as versions before this one did: both objects, false (not captured)
      const MARK = Symbol.for('@droplets/express.capture');
      const [a] = makeInstances([droplets]);
      const earlier = (req, res, next) => {
        req[MARK] = false;
        res[MARK] = false;
        next();
      };
      const server = await listen(made(express, [['use', earlier], ['use', a.mw], ['get', '/items/:id', item]]));
      try {
        // WHEN a call passes both
        assert.equal((await request(`${server.url}/items/7`)).status, 200);
        await closeAll([a]);
        // THEN this version does not capture it
        assert.equal(a.sqs.received.length, 0);
        assert.equal(a.mw.stats().captured, 0);
      } finally {
        await server.close();
      }
    });

    test('droplets only inside a sub-app: the sub-app\'s mount is the outermost and captures', { timeout: 15000 }, async () => {
      const [a] = makeInstances([droplets]);
      const app = made(express, [['get', '/outside', (req, res) => res.send('not captured')], ['use', '/shop', itemsWith(express, a.mw)]]);
      const server = await listen(app);
      try {
        assert.equal((await request(`${server.url}/outside`)).status, 200);
        assert.equal((await request(`${server.url}/shop/items/7`)).status, 200);
        await closeAll([a]);
        assert.deepEqual(a.sqs.received.map((r) => [r.request.path, r.request.route]), [['/shop/items/7', '/shop/items/:id']]);
      } finally {
        await server.close();
      }
    });
  });
}
