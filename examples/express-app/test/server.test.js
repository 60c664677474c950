'use strict';
// The example app as the local demo runs it: `node server.js` with PORT=0 and the AWS SDK's
// own environment pointing at a moto server; traffic with X-Session-Id; SIGTERM; the queue
// then holds one valid record per captured call.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createRequire } = require('node:module');

// The AWS SDK, the moto launcher and the schema check come from the middleware package (a
// file: dependency), so that both suites use one of each.
const fromMiddleware = createRequire(require.resolve('@droplets/express'));
const { SQSClient, CreateQueueCommand, ReceiveMessageCommand } = fromMiddleware('@aws-sdk/client-sqs');
const { startMoto } = fromMiddleware('./test/helpers/moto');
const { assertValidRecord } = fromMiddleware('./test/helpers/schema');
const { FORMAT_ATTRIBUTE, PACKED_FORMAT, SEPARATOR } = fromMiddleware('./lib/message');

const SERVER = path.join(__dirname, '..', 'server.js');
const SESSION = 'demo-session-0000-0001';
const CREDENTIALS = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

let moto;
let sqs;

before(async () => {
  moto = await startMoto();
  sqs = new SQSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
});

after(async () => {
  sqs?.destroy();
  await moto?.stop();
});

/** Start server.js; resolves with its URL once it prints the `listening on` line. */
function startServer(env) {
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH, PORT: '0', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stderr.on('data', (d) => (output.stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      output.stdout += d;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output.stdout);
      if (match) resolve(match[1]);
    });
    exited.then(({ code }) => reject(new Error(`server.js exited (${code}) before listening: ${output.stderr}`)));
  });
  return { child, url, exited, output };
}

async function call(url, pathname, init = {}) {
  const res = await fetch(url + pathname, { ...init, headers: { 'x-session-id': SESSION, ...(init.headers || {}) } });
  return { status: res.status, body: await res.json() };
}

/** The records in the queue (packed messages split into theirs), until there are `count`. */
async function receiveAll(queueUrl, count) {
  const bodies = [];
  const until = Date.now() + 15000;
  while (bodies.length < count && Date.now() < until) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
    for (const m of out.Messages || []) {
      const format = m.MessageAttributes && m.MessageAttributes[FORMAT_ATTRIBUTE];
      assert.equal(format && format.StringValue, PACKED_FORMAT, 'the example app packs');
      bodies.push(...m.Body.split(SEPARATOR).map((line) => JSON.parse(line)));
    }
  }
  return bodies;
}

test('npm start against moto: the API answers, SIGTERM flushes, the queue holds valid records', async () => {
  // GIVEN a queue on moto and the app started the way the demo starts it
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `example-${process.pid}` }));
  const server = startServer({ ...CREDENTIALS, DROPLETS_QUEUE_URL: QueueUrl, AWS_ENDPOINT_URL: moto.endpoint });
  const url = await server.url;

  // WHEN a customer searches, opens a course, signs up, and meets a 404 and a 5xx
  assert.equal((await call(url, '/health')).status, 200);
  const found = await call(url, '/courses?q=sql');
  assert.equal(found.status, 200);
  assert.equal(found.body.total, 2);
  assert.equal((await call(url, '/courses/4')).body.title, 'Event-Driven Architectures on AWS');
  assert.equal((await call(url, '/courses/999')).status, 404);
  const signup = await call(url, '/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ada@example.com', course_id: 4, password: 'hunter2', card: { number: '4111111111111111' } }),
  });
  assert.equal(signup.status, 201);
  const statuses = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await call(url, '/recommendations')).status);
  assert.deepEqual(statuses, [200, 200, 200, 500]);
  assert.equal((await call(url, '/no/such/path')).status, 404);

  // AND the app is stopped as a platform stops it
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  assert.equal(code, 0, server.output.stderr);
  // (how many messages and calls depends on how many flush intervals the calls spanned)
  assert.match(server.output.stdout, /droplets: flushed=true sent=9 dropped=0 failed=0 messages=[1-9] calls=[1-9]\n/);

  // THEN the queue holds the 9 captured calls (health checks are skipped)
  const records = (await receiveAll(QueueUrl, 9)).map(assertValidRecord);
  assert.equal(records.length, 9);
  assert.ok(records.every((r) => r.session_id === SESSION && r.source.service === 'courses-api'));
  const routes = records.map((r) => `${r.request.method} ${r.request.route} ${r.response.status}`).sort();
  assert.deepEqual(routes, [
    'GET /courses 200',
    'GET /courses/:id 200',
    'GET /courses/:id 404',
    'GET /recommendations 200',
    'GET /recommendations 200',
    'GET /recommendations 200',
    'GET /recommendations 500',
    'GET null 404',
    'POST /signup 201',
  ]);
  const stored = records.find((r) => r.request.route === '/signup');
  assert.deepEqual(stored.request.body, { email: 'ada@example.com', course_id: 4, password: '[redacted]', card: { number: '[redacted]' } });
  const failed = records.find((r) => r.response.status === 500);
  assert.deepEqual(failed.error, { type: 'Error', message: 'recommendation service timed out' });
  const search = records.find((r) => r.request.route === '/courses');
  assert.deepEqual(search.request.query, { q: 'sql' });
  assert.equal(search.response.body.total, 2, 'the JSON the handler wrote, not gzip bytes');
});

test('with the queue endpoint down, the API answers normally and SIGTERM still exits within the deadline', async () => {
  // GIVEN an endpoint nobody listens on
  const server = startServer({ ...CREDENTIALS, DROPLETS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/events', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
  const url = await server.url;
  for (let i = 0; i < 5; i += 1) assert.equal((await call(url, `/courses/${i + 1}`)).status, 200);
  const started = Date.now();
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 8000);
  assert.match(server.output.stdout, /droplets: flushed=(true|false) sent=0 /);
});

test('without DROPLETS_QUEUE_URL it serves without capture and says so', async () => {
  const server = startServer({});
  const url = await server.url;
  assert.equal((await call(url, '/courses/1')).status, 200);
  assert.match(server.output.stdout, /DROPLETS_QUEUE_URL is not set/);
  server.child.kill('SIGINT');
  assert.equal((await server.exited).code, 0);
});

test('SIMULATED_DB_MS makes each API call wait that long first, as for a database query', async () => {
  // GIVEN the app started with a 300 ms "database"
  const server = startServer({ SIMULATED_DB_MS: '300' });
  const url = await server.url;
  try {
    // WHEN a course is searched for
    const started = process.hrtime.bigint();
    const found = await call(url, '/courses?q=sql');
    const tookMs = Number(process.hrtime.bigint() - started) / 1e6;

    // THEN the answer is the same, after the wait
    assert.equal(found.status, 200);
    assert.equal(found.body.total, 2);
    assert.ok(tookMs >= 290, `answered after ${tookMs} ms`);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);
  }
});

test('a SIMULATED_DB_MS that is not a number of milliseconds stops the start with a message naming it', async () => {
  for (const value of ['abc', '-1', ' ']) {
    const server = startServer({ SIMULATED_DB_MS: value });
    server.url.catch(() => {}); // it never listens
    const code = await new Promise((resolve) => server.child.on('close', resolve)); // stderr read to the end
    assert.equal(code, 1);
    assert.match(server.output.stderr, /SIMULATED_DB_MS must be a number of milliseconds >= 0/);
  }
});

test('an emulator queue URL without AWS_REGION stops the start with one line naming AWS_REGION', async () => {
  // GIVEN the queue URL of a local emulator (it names no region) and no AWS_REGION
  const server = startServer({ DROPLETS_QUEUE_URL: 'http://127.0.0.1:4566/123456789012/droplets-dev-events', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
  server.url.catch(() => {}); // it never listens
  const code = await new Promise((resolve) => server.child.on('close', resolve));
  // THEN it exits 1 with one line that says which variable to set, no stack trace
  assert.equal(code, 1);
  assert.equal(server.output.stderr.trim().split('\n').length, 1, server.output.stderr);
  assert.match(server.output.stderr, /^droplets: no AWS region for queue URL http:\/\/127\.0\.0\.1:4566\/.*set AWS_REGION/);
});
