'use strict';
// lib/sqs-client.js writes SendMessageBatch's body with the SDK's JsonCodec (V8's
// JSON.stringify) rather than its default JSON writer, and hands it on as UTF-8 bytes. What
// goes over the wire must not change: the same bytes, the same headers, and SQS's answers
// and errors read the same, as with the SDK's default client.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { SQSClient, SendMessageBatchCommand } = require('@aws-sdk/client-sqs');
const { sqsClient, sqsConfig, FAST_JSON } = require('../lib/sqs-client');
const { PACKED_ATTRIBUTES, SEPARATOR } = require('../lib/message');
const { serialize } = require('../lib/sender');

before(() => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
});

/** An endpoint that keeps each request's headers and raw body; `answer(body)` gives {status, body}. */
async function recordingEndpoint(answer) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ headers: req.headers, body });
      const out = answer(JSON.parse(body.toString('utf8')));
      res.writeHead(out.status, { 'content-type': 'application/x-amz-json-1.0', ...(out.headers || {}) });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  return { endpoint, seen, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

const accept = (input) => ({ status: 200, body: { Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: '0'.repeat(32) })), Failed: [] } });

// Records with what JSON escaping has to get right: quotes, backslashes, control characters,
// line and paragraph separators, non-Latin text, astral characters, U+FFFE (escaped by
// serialize), an escaped lone surrogate.
const tricky = [
  { v: 1, path: '/a"b\\c', body: { text: 'tab\there\nline\r\u0000\u001f end', sep: '\u2028\u2029', name: 'Zoë Łukasz 山田 太郎', emoji: '👩‍💻🚀', bad: 'x\uFFFEy\uFFFF', lone: '\ud800 alone' } },
  { v: 1, path: '/courses/4', body: { results: [{ id: 1, title: 'SQL "basics"' }], total: 1.5e-7 } },
];

function entries() {
  const lines = tricky.map(serialize);
  return [
    { Id: '0', MessageBody: lines.join(SEPARATOR), MessageAttributes: PACKED_ATTRIBUTES },
    { Id: '1', MessageBody: lines[0] },
  ];
}

test('the SDK\'s other JSON codec is found in the installed SDK', () => {
  assert.equal(FAST_JSON, true);
});

test('a SendMessageBatch goes out byte for byte as the SDK\'s default client sends it, with the same headers, and its answer reads the same', async () => {
  const sqs = await recordingEndpoint(accept);
  const config = { ...sqsConfig({ endpoint: sqs.endpoint, connectTimeoutMs: 2000, sendTimeoutMs: 5000 }, 'us-east-1') };
  const plain = new SQSClient(config);
  const ours = sqsClient(config);
  try {
    const queueUrl = `${sqs.endpoint}/000000000000/events`;
    const a = await plain.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries() }));
    const b = await ours.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries() }));
    assert.equal(sqs.seen.length, 2);
    const [sdk, fast] = sqs.seen;
    assert.equal(fast.body.toString('utf8'), sdk.body.toString('utf8'));
    assert.ok(fast.body.equals(sdk.body), 'the same bytes');
    for (const name of ['content-type', 'content-length', 'x-amz-target', 'x-amzn-query-mode', 'host']) {
      assert.equal(fast.headers[name], sdk.headers[name], name);
    }
    assert.equal(Number(fast.headers['content-length']), fast.body.length);
    assert.match(fast.headers.authorization, /^AWS4-HMAC-SHA256 Credential=testing\/\d{8}\/us-east-1\/sqs\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/);
    assert.equal(fast.headers['x-amz-content-sha256'], sdk.headers['x-amz-content-sha256']);
    // The bodies SQS would store are the records as serialised, each line one record.
    const sent = JSON.parse(fast.body.toString('utf8'));
    assert.deepEqual(sent.Entries[0].MessageBody.split(SEPARATOR).map((line) => JSON.parse(line)).map((r) => r.path), tricky.map((r) => r.path));
    assert.equal(sent.Entries[1].MessageBody, serialize(tricky[0]));
    const { $metadata: ma, ...outA } = a;
    const { $metadata: mb, ...outB } = b;
    assert.deepEqual(outB, outA);
    assert.equal(outB.Successful.length, 2);
  } finally {
    plain.destroy();
    ours.destroy();
    await sqs.close();
  }
});

test('SQS\'s errors read the same: a client fault named as the SDK names it', async () => {
  const sqs = await recordingEndpoint(() => ({
    status: 400,
    headers: { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' },
    body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' },
  }));
  const config = sqsConfig({ endpoint: sqs.endpoint, connectTimeoutMs: 2000, sendTimeoutMs: 5000 }, 'us-east-1');
  const plain = new SQSClient(config);
  const ours = sqsClient(config);
  try {
    const queueUrl = `${sqs.endpoint}/000000000000/nope`;
    const fail = (client) => client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries() })).then(() => assert.fail('no error'), (err) => err);
    const a = await fail(plain);
    const b = await fail(ours);
    assert.equal(b.name, a.name);
    assert.match(b.name, /QueueDoesNotExist|NonExistentQueue/);
    assert.equal(b.message, a.message);
    assert.equal(b.$fault, 'client');
    assert.equal(b.$fault, a.$fault);
    assert.equal(b.Code, a.Code);
  } finally {
    plain.destroy();
    ours.destroy();
    await sqs.close();
  }
});
