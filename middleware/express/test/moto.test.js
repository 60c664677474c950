'use strict';
// End to end over the wire: the middleware, with its default SQSClient configured only by
// the SDK's own environment variables (AWS_ENDPOINT_URL, AWS_REGION, credentials), sends to
// a queue on a moto server; what the queue holds are valid records, packed several to a
// message (or one per message with pack: false). The consumer's side of the same path:
// tests/e2e/test_packed_messages.py.
const { test, before, after } = require('node:test');
const net = require('node:net');
const assert = require('node:assert/strict');
const { SQSClient, CreateQueueCommand, ReceiveMessageCommand, GetQueueAttributesCommand } = require('@aws-sdk/client-sqs');
const express = require('express4');
const droplets = require('..');
const { startMoto } = require('./helpers/moto');
const { assertValidRecord } = require('./helpers/schema');
const { listen, request, waitFor } = require('./helpers/http');
const { FORMAT_ATTRIBUTE, PACKED_FORMAT, SEPARATOR } = require('../lib/message');

let moto;
let sqs;

before(async () => {
  moto = await startMoto();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
  });
  sqs = new SQSClient({});
});

after(async () => {
  sqs?.destroy();
  await moto?.stop();
});

/** The messages in the queue, as received (attributes included), until they hold `count` records. */
async function receiveAll(queueUrl, count) {
  const messages = [];
  let records = 0;
  const until = Date.now() + 15000;
  while (records < count && Date.now() < until) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
    for (const m of out.Messages || []) {
      messages.push(m);
      records += bodiesOf(m).length;
    }
  }
  return messages;
}

/** The record bodies of a received message: its lines when packed, else the body. */
function bodiesOf(message) {
  const format = message.MessageAttributes && message.MessageAttributes[FORMAT_ATTRIBUTE];
  if (!format) return [message.Body];
  assert.equal(format.StringValue, PACKED_FORMAT);
  return message.Body.split(SEPARATOR);
}

const SETUPS = [
  { worker: true, pack: true },
  { worker: false, pack: true },
  { worker: true, pack: false },
];

for (const { worker, pack } of SETUPS) test(`records sent through the middleware arrive in the queue, valid and complete (SDK ${worker ? 'in a worker thread' : 'on the main thread'}, ${pack ? 'packed' : 'one record per message'})`, async () => {
  // GIVEN a queue on moto and an app with the middleware (no client injected)
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `events-${process.pid}-${worker}-${pack}` }));
  const errors = [];
  const mw = droplets({ queueUrl: QueueUrl, flushIntervalMs: 50, worker, pack, onError: (e) => errors.push(e) });
  const app = express();
  app.use(mw);
  app.use(express.json());
  app.get('/courses/:id', (req, res) => res.json({ id: req.params.id }));
  app.post('/signup', (req, res) => res.status(201).json({ ok: true }));
  app.get('/page', (req, res) => res.type('text').send('p'.repeat(30000)));
  // U+FFFF is valid JSON text but SQS refuses it in a message body: the sender escapes it
  app.get('/odd', (req, res) => res.type('text').send('a\uFFFFb\uFFFEc'));
  const server = await listen(app);
  const session = 'moto-session-0001';
  try {
    // WHEN 25 calls are made, some with 16 KiB bodies that force the byte budget to split batches
    for (let i = 0; i < 10; i += 1) await request(`${server.url}/courses/${i}`, { headers: { 'x-session-id': session } });
    await request(`${server.url}/signup`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-session-id': session }, body: '{"email":"ada@example.com","password":"x"}' });
    await Promise.all(Array.from({ length: 13 }, () => request(`${server.url}/page`)));
    await request(`${server.url}/odd`);
    await server.close();
    const closed = await mw.close(10000);
    assert.equal(closed.flushed, true, JSON.stringify({ closed, errors: errors.map((e) => e.message) }));
    assert.equal(closed.sent, 25);

    // THEN the queue holds 25 valid records: packed, in fewer messages, each with the format
    // attribute; unpacked, one per message without attributes
    const messages = await receiveAll(QueueUrl, 25);
    const bodies = messages.flatMap(bodiesOf);
    assert.equal(bodies.length, 25);
    if (pack) {
      assert.ok(messages.length < 25, `${messages.length} messages`);
      assert.ok(messages.every((m) => m.MessageAttributes && m.MessageAttributes[FORMAT_ATTRIBUTE]));
    } else {
      assert.equal(messages.length, 25);
      assert.ok(messages.every((m) => m.MessageAttributes === undefined));
    }
    const records = bodies.map((b) => assertValidRecord(JSON.parse(b)));
    assert.equal(new Set(records.map((r) => r.event_id)).size, 25);
    const signup = records.find((r) => r.request.path === '/signup');
    assert.deepEqual(signup.request.body, { email: 'ada@example.com', password: '[redacted]' });
    assert.equal(signup.session_id, session);
    assert.equal(records.filter((r) => r.request.route === '/courses/:id').length, 10);
    const page = records.find((r) => r.request.path === '/page');
    assert.equal(page.response.body.length, 16384);
    assert.equal(page.response.body_truncated, true);
    assert.equal(records.find((r) => r.request.path === '/odd').response.body, 'a\uFFFFb\uFFFEc');
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

test('a queue URL that does not exist: responses unaffected, the failure reported, nothing retried forever', async () => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `exists-${process.pid}` }));
  const missing = QueueUrl.replace(/exists-\d+$/, 'no-such-queue');
  const errors = [];
  const mw = droplets({ queueUrl: missing, flushIntervalMs: 20, retryBaseMs: 10, onError: (e) => errors.push(e) });
  const app = express();
  app.use(mw);
  app.get('/x', (req, res) => res.json({ fine: true }));
  const server = await listen(app);
  try {
    const res = await request(`${server.url}/x`);
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { fine: true });
  } finally {
    await server.close();
  }
  const closed = await mw.close(5000);
  assert.equal(closed.flushed, true, 'given up, not hanging');
  assert.equal(closed.failed, 1);
  assert.ok(errors.some((e) => e.code === 'SEND_FAILED'), errors.map((e) => e.message).join('\n'));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  assert.equal(attrs.Attributes.ApproximateNumberOfMessages, '0');
});

for (const worker of [true, false]) test(`an endpoint that accepts connections and never answers: calls time out and close their connections (SDK ${worker ? 'in a worker thread' : 'on the main thread'}), close() keeps its deadline`, async () => {
  // GIVEN a "queue endpoint" that reads requests and never answers
  const sockets = new Map(); // open connection -> when it was opened
  const blackhole = net.createServer((socket) => {
    sockets.set(socket, Date.now());
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${blackhole.address().port}`;
  const errors = [];
  // (maxRetries high: packed, the 20 records travel in one or two messages whose default 3
  // retries could all be spent before close(), which must find calls still hanging)
  const mw = droplets({ queueUrl: `${endpoint}/000000000000/events`, endpoint, worker, flushIntervalMs: 10, sendTimeoutMs: 300, retryBaseMs: 10, maxRetries: 1000, onError: (e) => errors.push(e) });
  const app = express();
  app.use(mw);
  app.get('/x', (req, res) => res.json({ fine: true }));
  const server = await listen(app);
  try {
    // WHEN requests keep coming while calls hang
    for (let i = 0; i < 20; i += 1) {
      const res = await request(`${server.url}/x`);
      assert.equal(res.status, 200);
    }
    await new Promise((r) => setTimeout(r, 1500));
    // THEN the hanging calls were given up at sendTimeoutMs and reported
    assert.ok(errors.some((e) => e.code === 'RETRYING' && /300 ms/.test(e.message)), errors.map((e) => e.message).join('\n'));
    // and each one's connection closed then, not left hanging (the SDK's requestTimeout only
    // logs unless told to throw; the connections would pile up to the agent's maxSockets)
    const oldest = Math.max(0, ...[...sockets.values()].map((opened) => Date.now() - opened));
    assert.ok(oldest < 1100, `a connection has been open for ${oldest} ms`);
  } finally {
    await server.close();
    const started = Date.now();
    const closed = await mw.close(500);
    assert.ok(Date.now() - started < 2000);
    assert.equal(closed.flushed, false);
    // and the client it made is gone with its connections: nothing of droplets keeps hanging
    await waitFor(() => sockets.size === 0, 3000, 'the connections to the endpoint to close');
    blackhole.close();
  }
});
