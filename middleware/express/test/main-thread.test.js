'use strict';
// What the app's thread leaves to others, or skips (bench/README.md, "Issue 17, main-thread
// cuts"): the query string parsed in the worker when Express's default parser would parse it,
// route patterns remembered per path, and a request while the queue is down not looked at at
// all. Each must give the records (and counts) that doing the work on the request would.
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const querystring = require('node:querystring');
const http = require('node:http');
const droplets = require('..');
const { snapshot } = require('../lib/snapshot');
const { FakeSqs } = require('./helpers/fake-sqs');
const { EXPRESS_VERSIONS, listen, request, waitFor } = require('./helpers/http');

const QUEUE = 'http://127.0.0.1:9/000000000000/events';
const MARK = Symbol.for('@droplets/express.capture');

before(() => {
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
});

// Query strings whose parse has edges: repeated keys, empty and missing values, %-escapes
// (bad ones too), '+', a `__proto__` key, integer-like keys (ordered first by JavaScript),
// brackets (the extended parser nests them), a credential-named key (redacted either way).
const QUERIES = [
  '',
  'q=sql&page=2',
  'a=1&a=2&a=3',
  'empty=&flag&=novalue',
  'text=caf%C3%A9+au+lait&bad=%zz%&pct=100%25',
  '__proto__=x&constructor=y&toString=z',
  '2=two&1=one&b=bee',
  'user[name]=ada&user[langs][]=en&list[]=1&list[]=2',
  'access_token=abc123&ref=mail',
  'semi=a;b&eq=a=b&q=%E2%9C%93',
];

const PARSERS = [
  ['the default parser', undefined],
  ['simple', 'simple'],
  ['extended', 'extended'],
  ['a function of the app', (text) => ({ parsedBy: 'app', text })],
  ['no parser', false],
];

describe('request.query, parsed where Express would parse it', () => {
  for (const [version, express] of EXPRESS_VERSIONS) {
    for (const [parserName, parser] of PARSERS) {
      test(`is what the app's req.query was, redacted, for every query string (${version}, ${parserName})`, async () => {
        // GIVEN an app with this query parser that answers with req.query as it sees it
        const sqs = new FakeSqs();
        const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, onError: () => {} });
        const app = express();
        if (parser !== undefined) app.set('query parser', parser);
        app.use(mw);
        const seen = new Map();
        const snapshots = new Map();
        app.get('/q/:n', (req, res) => {
          seen.set(req.params.n, JSON.parse(JSON.stringify(req.query ?? {})));
          res.on('finish', () => {
            // the snapshot of this request as the middleware takes it (the close listener follows)
            setImmediate(() => snapshots.set(req.params.n, snapshot(req, res, req[MARK], req[MARK].opts)));
          });
          res.json({ ok: true });
        });
        const server = await listen(app);
        try {
          // WHEN each query string is sent
          for (let i = 0; i < QUERIES.length; i += 1) {
            const res = await request(`${server.url}/q/${i}?${QUERIES[i]}`);
            assert.equal(res.status, 200);
          }
          await waitFor(() => sqs.received.length >= QUERIES.length, 5000, 'every record');
        } finally {
          await server.close();
          await mw.close(1000);
        }
        // THEN each record's query is the app's req.query, credential values masked
        for (const record of sqs.received) {
          const n = record.request.path.split('/')[2];
          // (no query string at all: {} in the record whatever the parser makes of none)
          const expected = QUERIES[n] === '' ? {} : seen.get(n);
          if (expected.access_token !== undefined) expected.access_token = '[redacted]';
          if (typeof expected.text === 'string') expected.text = expected.text.replace('abc123', '[redacted]'); // the app's own parser: free text, masked as such
          assert.deepEqual(record.request.query, expected, `query ${JSON.stringify(QUERIES[n])}`);
          assert.deepEqual(Object.keys(record.request.query), Object.keys(expected), 'in the same order');
        }
        // AND the query string was left to the pipeline only where Express's own default
        // parser runs as a getter (Express 5; Express 4 sets req.query itself)
        const deferred = version === 'express 5' && (parser === undefined || parser === 'simple');
        for (const [n, raw] of snapshots) {
          if (QUERIES[n] === '') continue;
          assert.equal(raw.querySearch !== null, deferred, `query ${JSON.stringify(QUERIES[n])}: left to the pipeline`);
          if (deferred) assert.equal(raw.querySearch, QUERIES[n]);
          if (deferred) assert.equal(raw.query, null);
        }
      });
    }
  }

  test('a query redefined on the request is read from the request, not parsed again', async () => {
    // GIVEN an Express 5 app (default parser) whose middleware replaces req.query
    const sqs = new FakeSqs();
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, onError: () => {} });
    const express = EXPRESS_VERSIONS.find(([v]) => v === 'express 5')[1];
    const app = express();
    app.use(mw);
    app.use((req, res, next) => {
      Object.defineProperty(req, 'query', { value: { normalised: 'yes' }, enumerable: true });
      next();
    });
    app.get('/x', (req, res) => res.json(req.query));
    const server = await listen(app);
    try {
      await request(`${server.url}/x?raw=1`);
      await waitFor(() => sqs.received.length >= 1, 5000, 'the record');
    } finally {
      await server.close();
      await mw.close(1000);
    }
    // THEN the record holds the app's query
    assert.deepEqual(sqs.received[0].request.query, { normalised: 'yes' });
  });

  test('the pipeline parses a query string as Node\'s querystring does, keys and all', () => {
    // (a unit check of the record side alone, against querystring.parse through JSON)
    const { buildRecord } = require('../lib/record');
    const { Redactor } = require('../lib/redact');
    const config = { source: { service: 's', env: 'e', host: 'h' }, redactor: new Redactor([]) };
    for (const search of QUERIES.filter((q) => !q.includes('access_token'))) {
      const raw = rawWith({ querySearch: search, url: `/p?${search}` });
      const expected = JSON.parse(JSON.stringify(querystring.parse(search)));
      const query = buildRecord(raw, config).request.query;
      assert.deepEqual(query, expected, search);
      assert.equal(Object.getPrototypeOf(query), Object.prototype, 'a plain object');
      assert.deepEqual(Object.keys(query), Object.keys(expected));
    }
  });
});

/** A snapshot of a GET with no body, its fields as given. */
function rawWith(fields) {
  return {
    startedAt: Date.now(), durationMs: 1, sessionId: null, sessionInvalid: false, method: 'GET', url: '/', query: null, querySearch: null, route: null,
    reqHeaders: null, ip: null, reqKind: 0, reqBody: null, reqBytes: 0, reqTruncated: false, reqSmall: false, reqDeclared: null, reqContentType: null,
    status: 200, resHeaders: null, resContentType: null, resEncoding: null, resBody: null, resBytes: 0, resTruncated: false, aborted: false, errorType: null, errorMessage: null,
    ...fields,
  };
}

describe('route patterns remembered per path', () => {
  for (const [version, express] of EXPRESS_VERSIONS) {
    test(`give every request the pattern the first request of its path got, whichever mount it came through (${version})`, async () => {
      // GIVEN a router mounted at two paths and a sub-app, with a route of an array of paths
      const sqs = new FakeSqs();
      const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, onError: () => {} });
      const app = express();
      app.use(mw);
      const router = express.Router();
      router.get('/items/:id', (req, res) => res.json({ id: req.params.id }));
      router.get(['/a/:x', '/b/:y'], (req, res) => res.json({}));
      app.use('/v1', router);
      app.use('/v2', router);
      const sub = express();
      sub.get('/things/:id', (req, res) => res.json({}));
      app.use('/sub', sub);
      app.get('/plain/:id', (req, res) => res.json({}));
      const server = await listen(app);
      const paths = ['/v1/items/1', '/v2/items/1', '/v1/items/2', '/v1/a/1', '/v1/b/1', '/v2/b/7', '/sub/things/3', '/plain/9', '/plain/9?x=1'];
      try {
        // WHEN each path is requested three times, interleaved
        for (let round = 0; round < 3; round += 1) {
          for (const path of paths) assert.equal((await request(`${server.url}${path}`)).status, 200);
        }
        await waitFor(() => sqs.received.length >= paths.length * 3, 5000, 'every record');
      } finally {
        await server.close();
        await mw.close(1000);
      }
      // THEN every request of a path has the route its own mount gives it
      const expected = {
        '/v1/items/1': '/v1/items/:id', '/v2/items/1': '/v2/items/:id', '/v1/items/2': '/v1/items/:id', '/v1/a/1': '/v1/a/:x', '/v1/b/1': '/v1/b/:y',
        '/v2/b/7': '/v2/b/:y', '/sub/things/3': '/sub/things/:id', '/plain/9': '/plain/:id',
      };
      for (const record of sqs.received) assert.equal(record.request.route, expected[record.request.path], record.request.path);
    });
  }
});

describe('a request while the queue is down', () => {
  test('is not looked at: skip and sampling are not consulted, nothing is captured, it is counted as dropped', async () => {
    // GIVEN droplets whose SQS fails every call, with a skip function and sampling that count their calls
    let up = false;
    const sqs = new FakeSqs(() => (up ? 'ok' : 'reject'));
    const errors = [];
    let skipCalls = 0;
    const mw = droplets({
      queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, retryBaseMs: 20, retryMaxMs: 40, maxRetries: 1000, onError: (e) => errors.push(e),
      skip: (req) => {
        skipCalls += 1;
        return req.path === '/health';
      },
    });
    const express = EXPRESS_VERSIONS.find(([v]) => v === 'express 5')[1];
    const app = express();
    app.use(mw);
    app.get('/health', (req, res) => res.json({ ok: true }));
    app.get('/c/:id', (req, res) => res.json({ captured: req[MARK] !== undefined && req[MARK] !== false, wrapped: res.write !== http.ServerResponse.prototype.write }));
    const server = await listen(app);
    try {
      // WHEN requests arrive until the circuit opens
      for (let i = 0; !mw.stats().queueDown; i += 1) {
        assert.ok(i < 500, 'the queue is found down');
        await request(`${server.url}/c/before-${i}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await waitFor(() => mw.stats().queueDown, 1000, 'down');
      const atOpen = { ...mw.stats(), skipCalls };
      // AND more arrive while it is open, health checks among them
      for (let i = 0; i < 20; i += 1) {
        const res = await request(`${server.url}/${i % 2 ? 'health' : `c/down-${i}`}`);
        assert.equal(res.status, 200);
        if (i % 2 === 0) assert.deepEqual(JSON.parse(res.body.toString()), { captured: false, wrapped: false });
      }
      // THEN none was captured or passed to skip; each was counted as dropped
      const during = mw.stats();
      assert.equal(skipCalls, atOpen.skipCalls, 'skip not called while the queue is down');
      assert.equal(during.captured, atOpen.captured);
      assert.equal(during.skipped, atOpen.skipped);
      assert.equal(during.dropped, atOpen.dropped + 20);
      assert.equal(errors.filter((e) => e.code === 'BUFFER_FULL').length, 0, 'not reported as a full buffer');
      // AND once the queue is back, skip decides again
      up = true;
      await waitFor(() => !mw.stats().queueDown, 5000, 'a probe that succeeds');
      await request(`${server.url}/health`);
      assert.equal(skipCalls, atOpen.skipCalls + 1);
      assert.equal(mw.stats().skipped, atOpen.skipped + 1);
    } finally {
      await server.close();
      await mw.close(1000);
    }
  });

  test('with the worker thread: counted as dropped, skip not consulted, while the worker reports the queue down', async () => {
    // GIVEN droplets with its worker, sending to a port that refuses connections
    const { closedPort } = require('./helpers/queue-front');
    const endpoint = await closedPort();
    let skipCalls = 0;
    const mw = droplets({
      queueUrl: `${endpoint}/000000000000/events`, endpoint, flushIntervalMs: 5, retryBaseMs: 20, retryMaxMs: 40, maxRetries: 1000, onError: () => {},
      skip: () => {
        skipCalls += 1;
        return false;
      },
    });
    const express = EXPRESS_VERSIONS.find(([v]) => v === 'express 5')[1];
    const app = express();
    app.use(mw);
    app.get('/c/:id', (req, res) => res.json({ captured: req[MARK] !== undefined && req[MARK] !== false }));
    const server = await listen(app);
    try {
      for (let i = 0; !(mw.stats().queueDown); i += 1) {
        assert.ok(i < 1000, 'the queue is found down');
        await request(`${server.url}/c/before-${i}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // (the worker's report that it wants no record, not even a probe, may follow its stats)
      await new Promise((resolve) => setTimeout(resolve, 50));
      const atOpen = { ...mw.stats(), skipCalls };
      let notLookedAt = 0;
      for (let i = 0; i < 20; i += 1) {
        const before = skipCalls;
        const res = await request(`${server.url}/c/down-${i}`);
        assert.equal(res.status, 200);
        if (skipCalls === before) notLookedAt += 1;
      }
      const during = mw.stats();
      // THEN (but for a probe the worker may ask for) none was captured or passed to skip
      assert.ok(notLookedAt >= 18, `${notLookedAt} of 20 not looked at`);
      assert.ok(during.captured - atOpen.captured <= 2);
      assert.equal(during.dropped - atOpen.dropped + (during.captured - atOpen.captured), 20, 'each dropped or captured');
    } finally {
      await server.close();
      await mw.close(500);
    }
  });
});
