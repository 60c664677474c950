'use strict';
// The default SQSClient (in its worker thread, and on the main thread) over the wire, against
// a minimal SQS endpoint: what it is configured to skip stays skipped.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const express = require('express5');
const droplets = require('..');
const { startSqsEndpoint } = require('./helpers/sqs-endpoint');
const { assertValidRecord } = require('./helpers/schema');
const { listen, request } = require('./helpers/http');

before(() => {
  // The SDK's own credential chain, as in production (here: the environment).
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
});

for (const worker of [true, false]) {
  test(`the SDK's MD5 check of message bodies is off (SDK ${worker ? 'in a worker thread' : 'on the main thread'}): a reply with other MD5s still counts as sent, once`, async () => {
    // GIVEN an endpoint that accepts every message but answers with an MD5 that matches none
    // (the SDK's check would throw for the whole call, and the records would be sent again)
    const sqs = await startSqsEndpoint({ md5: 'wrong' });
    const errors = [];
    const mw = droplets({ queueUrl: sqs.queueUrl, endpoint: sqs.endpoint, worker, flushIntervalMs: 20, retryBaseMs: 10, onError: (e) => errors.push(e) });
    const app = express();
    app.use(mw);
    app.get('/courses/:id', (req, res) => res.json({ id: req.params.id }));
    const server = await listen(app);
    try {
      // WHEN 25 calls are captured and the middleware is closed
      for (let i = 0; i < 25; i += 1) assert.equal((await request(`${server.url}/courses/${i}`)).status, 200);
      await server.close();
      const closed = await mw.close(10000);

      // THEN all 25 were sent once, with no error
      assert.deepEqual(errors.map((e) => e.message), []);
      assert.equal(closed.flushed, true);
      assert.equal(closed.sent, 25);
      assert.equal(closed.retried, 0);
      assert.equal(closed.failed, 0);
      assert.equal(sqs.state.records, 25, 'nothing resent');
      assert.equal(sqs.state.messages, closed.messages);
      assert.ok(closed.messages < 25, 'several records per message');
      const records = sqs.state.bodies.flatMap((b) => b.split('\n')).map((b) => assertValidRecord(JSON.parse(b)));
      assert.deepEqual(records.map((r) => r.request.path).sort(), Array.from({ length: 25 }, (_, i) => `/courses/${i}`).sort());
    } finally {
      await server.close();
      await sqs.close();
    }
  });
}
