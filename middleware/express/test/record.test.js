'use strict';
// The record a request produces, on a real Express 4 and 5 server: it validates against the
// shared JSON Schema, and each field says what happened.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const droplets = require('..');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord } = require('./helpers/schema');
const { EXPRESS_VERSIONS, listen, request, waitFor } = require('./helpers/http');

const SESSION = 'c0ffee00-1234-4abc-9def-0123456789ab';

function buildApp(express, mw) {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(mw);
  app.use(express.json());

  const v1 = express.Router();
  v1.get('/courses/:id', (req, res) => res.json({ id: Number(req.params.id), title: 'Intro to SQL' }));
  v1.get('/broken/:id', () => {
    throw new Error('kaboom');
  });
  const api = express.Router();
  api.use('/v1', v1);
  app.use('/api', api);

  const courses = express.Router();
  courses.get('/', (req, res) => res.json({ q: req.query.q || '', results: [] }));
  courses.get('/:id', (req, res) => res.json({ id: req.params.id }));
  app.use('/courses', courses);

  app.post('/signup', (req, res) => res.status(201).json({ welcome: req.body.email }));
  app.get('/hang-up', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    // never ends: the client gives up
  });
  app.use(mw.errorHandler);
  app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
  return app;
}

for (const [name, express] of EXPRESS_VERSIONS) {
  describe(`record capture on ${name}`, () => {
    async function setup() {
      const sqs = new FakeSqs();
      const mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: sqs, flushIntervalMs: 10, service: 'courses', env: 'test', onError: () => {} });
      const server = await listen(buildApp(express, mw));
      const next = async (n = 1) => {
        await waitFor(() => sqs.received.length >= n, 5000, `${n} record(s)`);
        return sqs.received[n - 1];
      };
      return { sqs, mw, server, next };
    }

    // A test's body against a fresh app, its server closed whatever the body does.
    async function withApp(body) {
      const app = await setup();
      try {
        await body(app);
      } finally {
        await app.server.close();
      }
    }

    test('a GET through nested routers: every field, valid against the shared schema', () => withApp(async ({ server, next, mw }) => {
      // GIVEN the middleware mounted first on an app with routers two levels deep
      // WHEN a client calls a nested route with a session, a query and a forwarded-for
      const res = await request(`${server.url}/api/v1/courses/42?q=sql&page=2`, {
        headers: { 'x-session-id': SESSION, 'user-agent': 'test-agent', 'x-forwarded-for': '203.0.113.7', authorization: 'Bearer secret' },
      });
      assert.equal(res.status, 200);
      const record = assertValidRecord(await next());

      // THEN the record tells what happened, in the shape of droplets/contract/record-v1.json
      assert.equal(record.v, 1);
      assert.match(record.event_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(record.session_id, SESSION);
      assert.equal(record.session_invalid, undefined);
      assert.match(record.occurred_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.ok(Math.abs(Date.parse(record.occurred_at) - Date.now()) < 10000);
      assert.equal(typeof record.duration_ms, 'number');
      assert.ok(record.duration_ms > 0 && record.duration_ms < 5000);
      assert.deepEqual({ service: record.source.service, env: record.source.env }, { service: 'courses', env: 'test' });
      assert.equal(record.request.method, 'GET');
      assert.equal(record.request.path, '/api/v1/courses/42');
      assert.equal(record.request.route, '/api/v1/courses/:id');
      assert.deepEqual(record.request.query, { q: 'sql', page: '2' });
      assert.equal(record.request.ip, '203.0.113.7', 'req.ip, with trust proxy for loopback');
      assert.equal(record.request.headers['user-agent'], 'test-agent');
      assert.equal(record.request.headers.authorization, undefined);
      assert.equal(record.request.headers['x-forwarded-for'], undefined, 'not in the default allowlist');
      assert.deepEqual(record.request.body, null);
      assert.equal(record.request.body_bytes, 0);
      assert.equal(record.response.status, 200);
      assert.match(record.response.headers['content-type'], /^application\/json/);
      assert.deepEqual(record.response.body, { id: 42, title: 'Intro to SQL' });
      assert.equal(record.response.body_bytes, Buffer.byteLength(JSON.stringify({ id: 42, title: 'Intro to SQL' })));
      assert.equal(record.response.body_truncated, false);
      assert.equal(record.error, null);
      assert.equal(mw.stats().captured, 1);
    }));

    const byPath = (sqs, path) => sqs.received.find((r) => r.request.path === path);

    test('route patterns: router root, params, and a 404 with no route', () => withApp(async ({ server, next, sqs }) => {
      // GIVEN routes on a router mounted at /courses
      // WHEN the router's root, a param route and an unknown path are called
      await request(`${server.url}/courses?q=data`);
      await request(`${server.url}/courses/7`);
      const missing = await request(`${server.url}/nowhere/at/all`);
      assert.equal(missing.status, 404);
      await next(3);
      // THEN each record has the pattern Express matched, and the 404 none
      assert.equal(byPath(sqs, '/courses').request.route, '/courses');
      assert.equal(byPath(sqs, '/courses/7').request.route, '/courses/:id');
      const notFound = assertValidRecord(byPath(sqs, '/nowhere/at/all'));
      assert.equal(notFound.request.route, null);
      assert.equal(notFound.response.status, 404);
    }));

    test('a JSON POST: the parsed request body, and the status the app set', () => withApp(async ({ server, next }) => {
      // WHEN a JSON body goes through express.json(), mounted after the middleware
      const body = JSON.stringify({ email: 'ada@example.com', plan: 'free' });
      const res = await request(`${server.url}/signup`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body });
      assert.equal(res.status, 201);
      // THEN the record holds the body express.json() parsed (the pii transform hashes e-mails later)
      const record = assertValidRecord(await next());
      assert.equal(record.request.method, 'POST');
      assert.equal(record.request.route, '/signup');
      assert.deepEqual(record.request.body, { email: 'ada@example.com', plan: 'free' });
      assert.equal(record.request.body_bytes, Buffer.byteLength(body));
      assert.equal(record.request.body_truncated, false);
      assert.equal(record.response.status, 201);
      assert.deepEqual(record.response.body, { welcome: 'ada@example.com' });
    }));

    test('a handler that throws: 500, the error noted by errorHandler, the route of the nested router', () => withApp(async ({ server, next }) => {
      const res = await request(`${server.url}/api/v1/broken/3`);
      assert.equal(res.status, 500);
      const record = assertValidRecord(await next());
      assert.equal(record.response.status, 500);
      assert.deepEqual(record.error, { type: 'Error', message: 'kaboom' });
      assert.equal(record.request.route, '/api/v1/broken/:id', 'the base at dispatch, not the unwound one');
      assert.deepEqual(record.response.body, { error: 'internal' });
    }));

    test('a client that hangs up before the response ends: error.aborted', () => withApp(async ({ server, next }) => {
      // WHEN the client reads the first chunk and destroys the connection
      await new Promise((resolve, reject) => {
        const req = http.get(`${server.url}/hang-up`, { agent: false, headers: { 'x-session-id': SESSION } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => (err.code === 'ECONNRESET' ? resolve() : reject(err)));
      });
      // THEN a record still arrives, marked aborted, with what was sent so far
      const record = assertValidRecord(await next());
      assert.deepEqual(record.error, { type: 'aborted', message: 'the client closed the connection before the response finished', aborted: true });
      assert.equal(record.response.status, 200);
      assert.equal(record.response.body, 'partial');
      assert.equal(record.session_id, SESSION);
      assert.equal(record.request.route, '/hang-up');
    }));
  });
}
