'use strict';
// The default set-up builds records in the middleware's worker thread (lib/worker.js): the
// request's thread only copies a snapshot of the call and hands snapshots over. These tests
// run the real worker, with its own SQSClient, against a minimal SQS endpoint on 127.0.0.1
// (or a port that refuses), and hold it to everything the app's-thread pipeline guarantees:
// the same records (so the same redaction), nothing credential-like handed over at all, the
// queue-down behaviour, drops counted, and a worker that dies costing only what it held.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const express = require('express5');
const droplets = require('..');
const { unpackSnapshots, postSnapshots } = require('../lib/worker-pipeline');
const { snapshot, FIELDS } = require('../lib/snapshot');
const { FakeSqs } = require('./helpers/fake-sqs');
const { closedPort } = require('./helpers/queue-front');
const { startSqsEndpoint } = require('./helpers/sqs-endpoint');
const { assertValidRecord, REPO_ROOT } = require('./helpers/schema');
const { sampleOf } = require('./helpers/token-samples');
const { EXPRESS_VERSIONS, listen, request, waitFor } = require('./helpers/http');

const LIST = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'droplets', 'contract', 'credentials.json'), 'utf8'));
const TOKENS = LIST.tokens.map(({ kind, pattern }) => ({ kind, sample: sampleOf(pattern) }));
const STRIPE = TOKENS.find((t) => t.kind === 'stripe_key') || TOKENS[0];
const SECRET_HEADER = 'Bearer do-not-cross-0123456789';
const SECRET_COOKIE = 'sid=do-not-cross-cookie';

before(() => {
  // The SDK's own credential chain, as in production (here: the environment).
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
});

/** An app with a bit of everything a record holds: bodies of each kind, queries, tokens, errors. */
function buildApp(mw) {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(mw);
  app.use('/raw', express.raw({ type: 'application/octet-stream' }));
  app.use('/text', express.text({ type: 'text/plain' }));
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  const courses = express.Router();
  courses.get('/:id', (req, res) => res.set('location', `/courses/${req.params.id}?token=${STRIPE.sample}`).json({ id: req.params.id, api_key: 'k-123', tags: ['a', 'b'] }));
  app.use('/courses', courses);
  app.get('/search', (req, res) => res.json({ q: req.query.q, results: [] }));
  app.post('/signup', (req, res) => res.status(201).json({ email: req.body.email, card: req.body.card }));
  app.post('/form', (req, res) => res.type('application/x-www-form-urlencoded').send(`user=ada&password=${req.body.password}`));
  app.post('/raw', (req, res) => res.type('application/octet-stream').send(Buffer.from([0, 1, 2, 3])));
  app.post('/text', (req, res) => res.type('text').send(`echo ${req.body}`));
  app.get('/big', (req, res) => res.json({ items: Array.from({ length: 2000 }, (_, i) => ({ i, secret: `s${i}` })) }));
  app.get('/stream', (req, res) => {
    res.type('text');
    res.write('one ');
    res.write(Buffer.from('two '));
    res.end(`three ${STRIPE.sample}`);
  });
  app.get('/hooks/:secret', (req, res) => res.status(204).end());
  app.get('/broken', () => {
    throw new Error(`upstream said password=hunter2 and ${STRIPE.sample}`);
  });
  app.use(mw.errorHandler);
  app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
  return app;
}

const CALLS = [
  { path: '/courses/7', headers: { 'x-session-id': 'worker-session-0001', authorization: SECRET_HEADER, cookie: SECRET_COOKIE, referer: `https://shop.example/pay?client_secret=${STRIPE.sample}` } },
  { path: `/search?q=sql&access_token=${STRIPE.sample}&page=2`, headers: { 'x-session-id': 'bad id!' } },
  { path: '/signup', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', password: 'hunter2', card: { number: '4111 1111 1111 1111', exp: '12/30' } }) },
  { path: '/form', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=ada&password=hunter2' },
  { path: '/raw', method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([9, 8, 7]) },
  { path: '/text', method: 'POST', headers: { 'content-type': 'text/plain' }, body: `token=${STRIPE.sample} and more` },
  { path: '/big' },
  { path: '/stream' },
  { path: `/hooks/${encodeURIComponent(STRIPE.sample)}` },
  { path: '/broken' },
  { path: '/nowhere' },
];

/** The fields that differ between two captures of the same call: its ID, times, the port. */
function comparable(record) {
  const { event_id: id, occurred_at: at, duration_ms: ms, ...rest } = record;
  assert.match(id, /^[0-9a-f-]{36}$/);
  return { ...rest, request: { ...rest.request, headers: { ...rest.request.headers, host: 'HOST' } } };
}

function recordsOf(bodies) {
  return bodies.flatMap((b) => b.split('\n')).map((line) => assertValidRecord(JSON.parse(line)));
}

/** Hand-over messages to the worker, seen by wrapping Worker#postMessage for the test's duration. */
function spyOnWorkers() {
  const seen = [];
  const original = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function spied(message, ...rest) {
    // (a batch's bodies as posted: the transfer moves them out of the message)
    seen.push(message && message.bytes ? { ...message, bytes: Buffer.from(message.bytes) } : message);
    return original.call(this, message, ...rest);
  };
  return { seen, restore: () => { Worker.prototype.postMessage = original; } };
}

describe('records built in the worker thread', () => {
  let sqs;
  before(async () => {
    sqs = await startSqsEndpoint();
  });
  after(async () => {
    await sqs.close();
  });

  test('are the records the app\'s thread builds, field for field, redacted alike', async () => {
    // GIVEN the same app twice: droplets with its defaults (worker thread, its own SQSClient)
    // and droplets building on the app's thread (a client of the test's own)
    const inThread = new FakeSqs();
    const errors = [];
    const common = { flushIntervalMs: 20, service: 'courses', env: 'test', host: 'h1', redactPaths: ['card.number'], onError: (e) => errors.push(e) };
    const a = droplets({ queueUrl: sqs.queueUrl, endpoint: sqs.endpoint, ...common });
    const b = droplets({ queueUrl: sqs.queueUrl, client: inThread, ...common });
    const [withWorker, withoutWorker] = [await listen(buildApp(a)), await listen(buildApp(b))];
    try {
      // WHEN the same calls go to both, one after the other
      for (const call of CALLS) {
        const one = await request(withWorker.url + call.path, call);
        const two = await request(withoutWorker.url + call.path, call);
        assert.equal(one.status, two.status, call.path);
      }
      await withWorker.close();
      await withoutWorker.close();
      const [closedA, closedB] = [await a.close(5000), await b.close(5000)];
      assert.equal(closedA.flushed, true);
      assert.equal(closedA.sent, CALLS.length);
      assert.equal(closedB.sent, CALLS.length);

      // THEN each call's record is the same whichever thread built it
      const fromWorker = recordsOf(sqs.state.bodies);
      const fromThread = inThread.received.map(assertValidRecord);
      const byCall = (records) => records.map(comparable).sort((x, y) => (x.request.path + x.request.method).localeCompare(y.request.path + y.request.method));
      assert.deepEqual(byCall(fromWorker), byCall(fromThread));
      assert.deepEqual(errors, []);

      // AND the worker's records are redacted (the comparison alone would pass if both were not)
      const text = JSON.stringify(fromWorker);
      for (const secret of ['hunter2', '4111 1111 1111 1111', STRIPE.sample, encodeURIComponent(STRIPE.sample), 'do-not-cross', 'k-123']) {
        assert.ok(!text.includes(secret), `${secret} left the process`);
      }
      const signup = fromWorker.find((r) => r.request.path === '/signup');
      assert.deepEqual(signup.request.body, { email: 'ada@example.com', password: '[redacted]', card: { number: '[redacted]', exp: '12/30' } });
      const course = fromWorker.find((r) => r.request.path === '/courses/7');
      assert.equal(course.session_id, 'worker-session-0001');
      assert.equal(course.request.route, '/courses/:id');
      assert.equal(course.request.headers.authorization, undefined);
      assert.equal(course.response.body.api_key, '[redacted]');
      const search = fromWorker.find((r) => r.request.path === '/search');
      assert.equal(search.session_invalid, true);
      assert.deepEqual(search.request.query, { q: 'sql', access_token: '[redacted]', page: '2' });
      const big = fromWorker.find((r) => r.request.path === '/big');
      assert.equal(big.response.body_truncated, true);
      assert.equal(fromWorker.find((r) => r.request.path === '/broken').error.type, 'Error');
    } finally {
      await withWorker.close();
      await withoutWorker.close();
    }
  });

  test('what crosses to the worker holds no credential header at all; bodies cross unredacted, and are redacted there', async () => {
    // GIVEN droplets with its worker, and a spy on what the app's thread posts to it
    const spy = spyOnWorkers();
    const mw = droplets({ queueUrl: sqs.queueUrl, endpoint: sqs.endpoint, flushIntervalMs: 20, onError: () => {} });
    const server = await listen(buildApp(mw));
    try {
      // WHEN calls with credential headers and a password in the body are served
      for (const call of CALLS.slice(0, 3)) await request(server.url + call.path, call);
      await server.close();
      await mw.close(5000);
    } finally {
      spy.restore();
      await server.close();
    }
    // THEN the snapshots handed over never held the Authorization or Cookie values
    const snapshots = spy.seen.filter((m) => m && m.type === 'snapshots').flatMap(unpackSnapshots);
    assert.equal(snapshots.length, 3);
    const crossed = JSON.stringify(snapshots) + snapshots.flatMap((raw) => [raw.reqBody, raw.resBody]).filter((b) => b instanceof Uint8Array).map(String).join('');
    assert.ok(!crossed.includes('do-not-cross'), 'a credential header was handed to the worker');
    // AND the body did cross as the app parsed it (it is redacted in the worker, before serialising)
    assert.ok(crossed.includes('hunter2'));
  });
});

describe('the hand-off format', () => {
  test('a batch crosses as one flat array of values, and reads back as the very snapshots, every field in place', async () => {
    // GIVEN the snapshots of real calls: every field the record reads, with values of each kind
    // (bodies as text and as bytes, a query, an error, an aborted call's defaults)
    const held = [];
    const mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: new FakeSqs(), onError: () => {} });
    const app = express();
    app.use(mw);
    app.use((req, res, next) => {
      held.push(req);
      next();
    });
    app.use('/raw', express.raw({ type: 'application/octet-stream' }));
    app.use(express.json());
    app.post('/raw', (req, res) => res.type('application/octet-stream').send(req.body));
    app.post('/json', (req, res) => res.status(201).json({ ok: true, got: req.body }));
    app.get('/fail', () => {
      throw new Error('boom');
    });
    app.use(mw.errorHandler);
    app.use((err, req, res, next) => res.status(500).json({ error: err.message })); // eslint-disable-line no-unused-vars
    const server = await listen(app);
    try {
      await request(`${server.url}/raw`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]) });
      await request(`${server.url}/json?page=2`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-session-id': 'session-0001' }, body: JSON.stringify({ a: [1, 'x'] }) });
      await request(`${server.url}/fail`);
    } finally {
      await server.close();
      await mw.close(1000);
    }
    const MARK = Symbol.for('@droplets/express.capture');
    const snapshots = held.map((req) => req[MARK]).map((c) => snapshot(c.req, c.res, c, c.opts));
    // THEN FIELDS names every field of a snapshot, and nothing else
    for (const raw of snapshots) assert.deepEqual([...FIELDS].sort(), Object.keys(raw).sort());
    // AND what is posted reads back field for field as the snapshots it was made of
    const posted = [];
    postSnapshots({ postMessage: (message, transfer) => posted.push({ message, transfer }) }, snapshots);
    assert.equal(posted.length, 1);
    const { message, transfer } = posted[0];
    assert.equal(message.type, 'snapshots');
    assert.equal(message.count, 3);
    assert.equal(message.values.length, 3 * FIELDS.length);
    assert.ok(message.values.every((v) => v === null || typeof v !== 'object' || Object.getPrototypeOf(v) === Object.prototype), 'plain values only');
    assert.deepEqual(unpackSnapshots(message), snapshots);
    // AND the binary bodies crossed in one memory, in order, the only thing transferred
    const binary = snapshots.flatMap((raw) => [raw.reqBody, raw.resBody]).filter((b) => b instanceof Uint8Array);
    assert.ok(binary.length > 0, 'Express sends Buffers');
    assert.deepEqual(transfer, [message.bytes.buffer]);
    assert.equal(message.bytes.byteOffset, 0);
    assert.deepEqual(Buffer.from(message.bytes), Buffer.concat(binary));
    // AND the snapshots were of every kind asked for
    assert.deepEqual(snapshots.map((raw) => [raw.status, raw.query !== null || raw.querySearch !== null, raw.errorType]), [[200, false, null], [201, true, null], [500, false, 'Error']]);
  });
});

describe('binary bodies handed to the worker', () => {
  test('are transferred, not copied: a batch\'s bodies in one memory of its own, moved with its snapshots, each arriving whole', async () => {
    // GIVEN droplets with its worker, and a spy on what the app's thread posts and transfers
    const sqs = await startSqsEndpoint();
    const posts = [];
    const original = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function spied(message, transfer) {
      // (the bodies as posted, read before the transfer moves them)
      const bytes = message && message.bytes ? Buffer.from(message.bytes) : null;
      const result = original.call(this, message, transfer);
      posts.push({ message, transfer: transfer || [], bytes });
      return result;
    };
    const mw = droplets({ queueUrl: sqs.queueUrl, endpoint: sqs.endpoint, flushIntervalMs: 20, onError: () => {} });
    const app = express();
    app.use(mw);
    app.use(express.raw({ type: 'application/octet-stream' }));
    const small = Buffer.from('small binary body');
    const large = Buffer.alloc(6000, 'L'); // above the size Node takes from its shared pool
    app.post('/raw', (req, res) => res.type('application/octet-stream').send(req.body));
    app.get('/large', (req, res) => res.type('text').send(large));
    app.get('/parts', (req, res) => {
      res.type('text');
      res.write(Buffer.from('one '));
      res.end(Buffer.from('two'));
    });
    const server = await listen(app);
    try {
      // WHEN calls whose bodies are Buffers are served
      await request(`${server.url}/raw`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: small });
      await request(`${server.url}/large`);
      await request(`${server.url}/parts`);
      await server.close();
      await mw.close(5000);
    } finally {
      Worker.prototype.postMessage = original;
      await server.close();
      await sqs.close();
    }
    // THEN every binary body crossed in the one memory of its message, which was transferred
    // with it and moved (detached here), never a view of shared memory
    const handed = posts.filter((p) => p.message && p.message.type === 'snapshots');
    const snapshots = handed.flatMap((p) => unpackSnapshots({ ...p.message, bytes: p.bytes }));
    assert.equal(snapshots.length, 3);
    const bodies = snapshots.flatMap((raw) => [raw.reqBody, raw.resBody]).filter((b) => b instanceof Uint8Array);
    assert.equal(bodies.length, 4, 'request and response of /raw, /large, /parts');
    assert.deepEqual(bodies.map((b) => b.toString()).sort(), [small, small, large, Buffer.from('one two')].map(String).sort(), 'each body whole');
    for (const p of handed.filter((h) => h.bytes !== null)) {
      assert.deepEqual(p.transfer, [p.message.bytes.buffer], 'transferred with its snapshots');
      assert.equal(p.message.bytes.buffer.byteLength, 0, 'moved to the worker, not copied');
    }
    // AND the records built from them hold the bodies whole
    const records = sqs.state.bodies.flatMap((b) => b.split('\n')).map((line) => JSON.parse(line));
    const byPath = Object.fromEntries(records.map((r) => [r.request.path, r]));
    assert.equal(byPath['/large'].response.body, large.toString());
    assert.equal(byPath['/parts'].response.body, 'one two');
    assert.equal(byPath['/raw'].request.body_bytes, small.length);
  });
});

describe('droplets mounted twice, with the worker thread', () => {
  for (const [version, expressOf] of EXPRESS_VERSIONS) {
    test(`an app and a router that each mount the same droplets: every request answered, captured once, with its route pattern (${version})`, async () => {
      // GIVEN droplets with its defaults (worker thread, its own SQSClient) mounted on the
      // app and again on a router mounted on a parameter path
      const sqs = await startSqsEndpoint();
      const errors = [];
      const mw = droplets({ queueUrl: sqs.queueUrl, endpoint: sqs.endpoint, flushIntervalMs: 20, onError: (e) => errors.push(e) });
      const app = expressOf();
      app.use(mw);
      const shops = expressOf.Router({ mergeParams: true });
      shops.use(mw);
      shops.get('/courses/:id', (req, res) => {
        res.type('application/json');
        res.write(`{"id":${JSON.stringify(req.params.id)},`);
        res.end(`"password":"hunter2"}`);
      });
      app.use('/shops/:shop', shops);
      const server = await listen(app);
      try {
        // WHEN twenty calls cross both mounts
        const answers = [];
        for (let i = 0; i < 20; i += 1) answers.push(await request(`${server.url}/shops/s${i}/courses/${i}`));
        await server.close();
        const closed = await mw.close(10000);

        // THEN each was answered normally
        assert.deepEqual(answers.map((a) => a.status), Array(20).fill(200));
        assert.deepEqual(JSON.parse(answers[3].body.toString('utf8')), { id: '3', password: 'hunter2' });
        // AND captured once, by the outer mount, with the route's pattern (never the URL) and redacted
        assert.equal(closed.captured, 20);
        assert.equal(closed.sent, 20);
        const records = recordsOf(sqs.state.bodies);
        assert.deepEqual(records.map((r) => r.request.path).sort(), Array.from({ length: 20 }, (_, i) => `/shops/s${i}/courses/${i}`).sort());
        for (const record of records) {
          assert.equal(record.request.route, '/shops/:shop/courses/:id');
          assert.equal(record.response.body.password, '[redacted]');
        }
        assert.deepEqual(errors, []);
      } finally {
        await server.close();
        await sqs.close();
      }
    });
  }
});

describe('the worker thread and a queue that is down', () => {
  test('responses are the same as without droplets; once the buffer is full or the queue found down, requests are dropped on the app\'s thread and counted', async () => {
    // GIVEN droplets (worker thread) whose queue endpoint refuses connections, and a small buffer
    const endpoint = await closedPort();
    const errors = [];
    const mw = droplets({ queueUrl: `${endpoint}/000000000000/events`, endpoint, flushIntervalMs: 5, retryBaseMs: 5, retryMaxMs: 50, maxRetries: 1000, maxBufferRecords: 30, onError: (e) => errors.push(e) });
    const passThrough = (req, res, next) => next();
    passThrough.errorHandler = (err, req, res, next) => next(err);
    const [a, b] = [await listen(buildApp(mw)), await listen(buildApp(passThrough))];
    try {
      // WHEN 100 calls go to it, and the same calls to the app without droplets
      let slowest = 0;
      for (let i = 0; i < 100; i += 1) {
        const call = CALLS[i % 3];
        const started = process.hrtime.bigint();
        const withDroplets = await request(a.url + call.path, call);
        slowest = Math.max(slowest, Number(process.hrtime.bigint() - started) / 1e6);
        const without = await request(b.url + call.path, call);
        // THEN every response is the same
        assert.equal(withDroplets.status, without.status);
        assert.deepEqual(withDroplets.body, without.body);
      }
      // AND none waited on the queue (a refused call is quick, but none is on the response's way)
      assert.ok(slowest < 1000, `slowest response took ${slowest} ms`);
      // AND the buffer held at most 30: the rest were dropped, counted, and reported once
      const stats = await waitFor(() => {
        const s = mw.stats();
        return s.enqueued + s.dropped === 100 ? s : null;
      }, 5000, 'every request counted');
      assert.ok(stats.buffered <= 30, `${stats.buffered} held`);
      assert.ok(stats.dropped >= 70, `${stats.dropped} dropped`);
      // Once full, or once the worker found the queue down (whichever came first: the circuit
      // breaker, breaker.test.js), requests are not even captured; each is reported once.
      assert.ok(stats.captured <= 30, `${stats.captured} captured`);
      assert.ok(errors.filter((e) => e.code === 'BUFFER_FULL').length <= 1, 'reported once, not per request');
      // The worker finds the queue down after its first failing calls: on a loaded machine the
      // buffer can fill first, so the report may come after the last request, but it comes.
      await waitFor(() => errors.some((e) => e.code === 'QUEUE_DOWN') || null, 5000, 'the queue reported down');
      assert.equal(errors.filter((e) => e.code === 'QUEUE_DOWN').length, 1, 'reported once, not per request');
      assert.ok(errors.some((e) => e.code === 'RETRYING'), 'the failing calls were reported');
    } finally {
      await a.close();
      await b.close();
      const closed = await mw.close(50);
      assert.equal(closed.flushed, false);
      assert.equal(closed.buffered, 0);
    }
  });
});

describe('a worker thread that dies', () => {
  test('costs what it held (counted as failed, reported); the next requests start a new worker and are sent', async () => {
    // GIVEN droplets (worker thread) with a long flush interval, so records wait in the worker
    const sqs = await startSqsEndpoint();
    const workers = [];
    const onWorker = (worker) => workers.push(worker);
    process.on('worker', onWorker);
    const errors = [];
    const mw = droplets({ queueUrl: sqs.queueUrl, endpoint: sqs.endpoint, flushIntervalMs: 60000, onError: (e) => errors.push(e) });
    const server = await listen(buildApp(mw));
    try {
      for (let i = 0; i < 5; i += 1) await request(`${server.url}/courses/${i}`);
      await waitFor(() => mw.stats().enqueued === 5 && workers.length === 1, 5000, 'five records held in the worker');

      // WHEN the worker dies
      await workers[0].terminate();
      await waitFor(() => mw.stats().failed === 5, 5000, 'the held records counted');

      // THEN what it held is counted and reported, and nothing else changed for the app
      assert.ok(errors.some((e) => e.code === 'SEND_FAILED' && e.count === 5), errors.map((e) => e.message).join('\n'));
      // AND later requests are captured by a new worker and sent at close()
      for (let i = 5; i < 8; i += 1) assert.equal((await request(`${server.url}/courses/${i}`)).status, 200);
      await server.close();
      const closed = await mw.close(5000);
      assert.equal(workers.length, 2);
      assert.equal(closed.flushed, true);
      assert.equal(closed.sent, 3);
      assert.equal(closed.failed, 5);
      assert.equal(closed.captured, 8);
      assert.deepEqual(recordsOf(sqs.state.bodies).map((r) => r.request.path).sort(), ['/courses/5', '/courses/6', '/courses/7']);
    } finally {
      process.off('worker', onWorker);
      await server.close();
      await sqs.close();
    }
  });

  test('a worker that keeps dying is started again at most once a second, then less often; requests meanwhile are dropped and counted', async () => {
    // GIVEN droplets whose every worker dies as soon as it starts
    const workers = [];
    const onWorker = (worker) => {
      workers.push(worker);
      worker.terminate();
    };
    process.on('worker', onWorker);
    const errors = [];
    const mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', flushIntervalMs: 20, onError: (e) => errors.push(e) });
    const server = await listen(buildApp(mw));
    try {
      // WHEN requests keep coming for 1.5 s
      const until = Date.now() + 1500;
      let served = 0;
      while (Date.now() < until) {
        assert.equal((await request(`${server.url}/courses/1`)).status, 200);
        served += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // THEN the app answered every one, few workers were started (one at once after the
      // first death, the next a second later: without the pause, one every 10 ms)
      assert.ok(workers.length >= 2 && workers.length <= 4, `${workers.length} workers started`);
      // AND every request is accounted for: lost with a worker, or dropped while none may start
      const stats = await waitFor(() => {
        const s = mw.stats();
        return s.failed + s.dropped === served ? s : null;
      }, 3000, 'every request counted');
      assert.equal(stats.sent, 0);
      assert.ok(errors.some((e) => e.code === 'SEND_FAILED' && /worker thread exited/.test(e.message)));
    } finally {
      process.off('worker', onWorker);
      await server.close();
      await mw.close(100);
    }
  });

  test('close() with nothing captured starts no worker and resolves at once', async () => {
    const workers = [];
    const onWorker = (worker) => workers.push(worker);
    process.on('worker', onWorker);
    try {
      const mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', onError: () => {} });
      const closed = await mw.close(5000);
      assert.equal(closed.flushed, true);
      assert.equal(closed.captured, 0);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(workers.length, 0);
    } finally {
      process.off('worker', onWorker);
    }
  });
});
