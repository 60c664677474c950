'use strict';
// A minimal SQS endpoint over HTTP (AWS JSON 1.0 protocol, what @aws-sdk/client-sqs speaks)
// that accepts every SendMessageBatch, as SQS does, answering each entry with a message ID
// and the MD5 of its body. `md5` chooses that MD5: 'body' (what SQS returns) or 'wrong';
// `keepBodies` keeps the message bodies received in `state.bodies`; `keepAliveTimeoutMs`
// sets how long an idle keep-alive connection stays open (Node's default: 5 s).
// It also counts what SQS would bill: calls, messages, records (the lines of packed messages),
// the payload (bodies and message attributes, as SQS sizes a message), the billed requests
// (each started 64 KiB of a call's payload is one) and the HTTP request bytes.
// Used by the tests of the default client and, in its own process, by bench/middleware.
const http = require('node:http');
const crypto = require('node:crypto');
const { FORMAT_ATTRIBUTE, SEPARATOR, SQS_BILLING_CHUNK_BYTES } = require('../../lib/message');

function payloadBytes(entry) {
  let bytes = Buffer.byteLength(entry.MessageBody);
  for (const [name, value] of Object.entries(entry.MessageAttributes || {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType || '') + Buffer.byteLength(value.StringValue || '');
  }
  return bytes;
}

function recordCount(entry) {
  if (!entry.MessageAttributes || !entry.MessageAttributes[FORMAT_ATTRIBUTE]) return 1;
  return entry.MessageBody.split(SEPARATOR).length;
}

function startSqsEndpoint({ md5 = 'body', keepBodies = true, keepAliveTimeoutMs } = {}) {
  const state = { calls: 0, messages: 0, records: 0, payloadBytes: 0, billedRequests: 0, requestBytes: 0, bodies: [] };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] || '');
      if (target !== 'AmazonSQS.SendMessageBatch') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: `not supported here: ${target}` }));
        return;
      }
      const raw = Buffer.concat(chunks);
      const entries = JSON.parse(raw.toString('utf8')).Entries || [];
      const payload = entries.reduce((sum, e) => sum + payloadBytes(e), 0);
      state.calls += 1;
      state.messages += entries.length;
      state.records += entries.reduce((sum, e) => sum + recordCount(e), 0);
      state.payloadBytes += payload;
      state.billedRequests += Math.max(1, Math.ceil(payload / SQS_BILLING_CHUNK_BYTES));
      state.requestBytes += raw.length;
      if (keepBodies) state.bodies.push(...entries.map((e) => e.MessageBody));
      const body = JSON.stringify({
        Successful: entries.map((e) => ({
          Id: e.Id,
          MessageId: crypto.randomUUID(),
          MD5OfMessageBody: md5 === 'wrong' ? '0'.repeat(32) : crypto.createHash('md5').update(e.MessageBody).digest('hex'),
        })),
        Failed: [],
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(body);
    });
  });
  if (keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = keepAliveTimeoutMs;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const endpoint = `http://127.0.0.1:${server.address().port}`;
      resolve({
        endpoint,
        queueUrl: `${endpoint}/000000000000/events`,
        state,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

module.exports = { startSqsEndpoint };
