'use strict';
// Several records per SQS message (NDJSON, `droplets-format: ndjson-v1`): records packed into
// messages up to maxPackBytes, messages into calls within SQS's limits, retries of packs, and
// packing off. The queue-down and failure behaviour with packing on (the default) is
// sqs-failures.test.js; delivery to a real queue is moto.test.js.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const express = require('express5');
const droplets = require('..');
const { Sender, serialize } = require('../lib/sender');
const { FORMAT_ATTRIBUTE, PACKED_FORMAT, PACKED_ATTRIBUTE_BYTES, SEPARATOR } = require('../lib/message');
const { FakeSqs, sqsBytes } = require('./helpers/fake-sqs');
const { sqsFailingFirstCall } = require('./helpers/partial-failure');
const { assertValidRecord } = require('./helpers/schema');
const { listen, request, waitFor } = require('./helpers/http');

const QUEUE = 'http://127.0.0.1:9/000000000000/events';
const KiB = 1024;

function sizedApp(mw) {
  const app = express();
  app.use(mw);
  app.use(express.json());
  app.get('/size/:n', (req, res) => res.type('text').send('z'.repeat(Number(req.params.n))));
  app.post('/signup', (req, res) => res.status(201).json({ ok: true }));
  return app;
}

const lines = (entry) => entry.MessageBody.split(SEPARATOR);

describe('packing on a real Express server', () => {
  test('records are packed into messages up to maxPackBytes, and messages into calls within 10 entries and 256 KiB', async () => {
    // GIVEN the middleware with its defaults (packing on, 64 KiB packs, 256 KiB calls)
    const sqs = new FakeSqs();
    // (the flush interval out of reach, so that on a slow machine no timer sends a call before
    // it fills: only the explicit flush at the end sends a partial one)
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 60000, onError: () => {} });
    const server = await listen(sizedApp(mw));
    try {
      // WHEN 300 calls with response bodies from 0 to 16 KiB are made, 20 at a time, then flushed
      const sizes = Array.from({ length: 300 }, (_, i) => (i * 7919) % (16 * KiB));
      for (let i = 0; i < sizes.length; i += 20) {
        await Promise.all(sizes.slice(i, i + 20).map((n) => request(`${server.url}/size/${n}`)));
      }
      await waitFor(() => mw.stats().captured === sizes.length, 10000, 'every response closed');
      mw.flush();
      await waitFor(() => sqs.received.length === sizes.length, 10000, 'all records');
      // THEN every message is a pack: the format attribute, one record's JSON per line
      const entries = sqs.entriesSent;
      for (const entry of entries) {
        assert.deepEqual(entry.MessageAttributes, { [FORMAT_ATTRIBUTE]: { DataType: 'String', StringValue: PACKED_FORMAT } });
        for (const line of lines(entry)) assertValidRecord(JSON.parse(line));
        // AND no pack of several records exceeds the budget, counted as SQS counts it
        if (lines(entry).length > 1) assert.ok(sqsBytes(entry) <= 64 * KiB, `a pack of ${sqsBytes(entry)} bytes`);
      }
      for (const { input } of sqs.calls) {
        // AND every call keeps SQS's limits
        assert.ok(input.Entries.length <= 10);
        const bytes = input.Entries.reduce((sum, e) => sum + sqsBytes(e), 0);
        assert.ok(bytes <= 256 * KiB, `a call of ${bytes} bytes`);
        // AND a call's next message was opened only because its first record did not fit the last one
        for (let m = 1; m < input.Entries.length; m += 1) {
          const next = Buffer.byteLength(lines(input.Entries[m])[0]);
          assert.ok(sqsBytes(input.Entries[m - 1]) + 1 + next > 64 * KiB, 'a record was put in a new message although the last one had room');
        }
      }
      // AND every record arrived once, in far fewer messages and calls than records
      assert.equal(new Set(sqs.received.map((r) => r.event_id)).size, sizes.length);
      const stats = mw.stats();
      assert.equal(stats.sent, 300);
      assert.equal(stats.messages, entries.length);
      assert.equal(stats.batches, sqs.calls.length);
      assert.ok(entries.length < 300 / 5, `${entries.length} messages for 300 records`);
      assert.ok(sqs.calls.length < 300 / 10, `${sqs.calls.length} calls for 300 records`);
    } finally {
      await mw.close(1000);
      await server.close();
    }
  });

  test('small records fill a call by bytes: one SendMessageBatch carries far more than 10 records', async () => {
    // GIVEN a long flush interval, so that only full calls leave before close()
    const sqs = new FakeSqs();
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 60000, onError: () => {} });
    const server = await listen(sizedApp(mw));
    try {
      // WHEN 400 calls of about 1.6 KiB records (1000-byte bodies) are made: 640 KiB, over two calls' worth
      for (let i = 0; i < 400; i += 20) await Promise.all(Array.from({ length: 20 }, () => request(`${server.url}/size/1000`)));
      await waitFor(() => sqs.calls.length >= 1, 5000, 'a full call');
      // THEN the first call left full: nearly 256 KiB of records, in four packs of nearly
      // 64 KiB (and a fifth with what fits after them, if a record does)
      const first = sqs.calls[0].input.Entries;
      const records = first.reduce((n, e) => n + lines(e).length, 0);
      const bytes = first.reduce((sum, e) => sum + sqsBytes(e), 0);
      assert.ok(first.length === 4 || first.length === 5, `${first.length} messages`);
      assert.ok(first.slice(0, 4).every((e) => sqsBytes(e) > 62 * KiB));
      assert.ok(bytes > 248 * KiB && bytes <= 256 * KiB, `${bytes} bytes`);
      assert.ok(records > 100, `${records} records in one call`);
    } finally {
      const closed = await mw.close(2000);
      assert.equal(closed.sent, 400);
      await server.close();
    }
  });

  test('pack: false sends one record per message, without the attribute, as before packing', async () => {
    const sqs = new FakeSqs();
    const mw = droplets({ queueUrl: QUEUE, client: sqs, pack: false, flushIntervalMs: 5, onError: () => {} });
    const server = await listen(sizedApp(mw));
    try {
      await Promise.all(Array.from({ length: 25 }, (_, i) => request(`${server.url}/size/${i * 10}`)));
      await waitFor(() => sqs.received.length === 25, 3000, 'all records');
      for (const entry of sqs.entriesSent) {
        assert.equal(entry.MessageAttributes, undefined);
        assertValidRecord(JSON.parse(entry.MessageBody));
      }
      assert.ok(sqs.calls.every((c) => c.input.Entries.length <= 10));
      assert.equal(mw.stats().messages, 25);
      assert.equal(mw.stats().sent, 25);
    } finally {
      await server.close();
    }
  });

  test('pack must be a boolean and maxPackBytes a positive number', () => {
    assert.throws(() => droplets({ queueUrl: QUEUE, pack: 'yes' }), /option pack must be true or false/);
    assert.throws(() => droplets({ queueUrl: QUEUE, maxPackBytes: 0 }), /option maxPackBytes must be a positive number/);
  });
});

describe('retries of packs', () => {
  test('a pack SQS fails transiently is repacked and sent again; a pack it rejects is counted, every record of it', async () => {
    // GIVEN 3 KiB packs, and an SQS that fails message 0 (transient) and message 1 (sender fault) of the first call
    const sqs = sqsFailingFirstCall('0', '1');
    const errors = [];
    const mw = droplets({ queueUrl: QUEUE, client: sqs, maxPackBytes: 3 * KiB, flushIntervalMs: 60000, retryBaseMs: 5, onError: (e) => errors.push(e) });
    const server = await listen(sizedApp(mw));
    try {
      // WHEN 30 calls are made and sent
      for (let i = 0; i < 30; i += 1) await request(`${server.url}/size/${i}`);
      mw.flush();
      await waitFor(() => sqs.calls.length >= 2 && mw.stats().buffered === 0, 3000, 'the retry');
      // THEN the records of message 0, and only those, were sent again
      const [first, ...later] = sqs.calls.map((c) => c.input.Entries);
      const ids = (entry) => lines(entry).map((l) => JSON.parse(l).event_id);
      const transient = ids(first[0]);
      const rejected = ids(first[1]);
      assert.ok(transient.length > 1 && rejected.length > 1, 'both failed messages held several records');
      const resent = later.flat().flatMap(ids);
      assert.deepEqual([...resent].sort(), [...transient].sort());
      // AND the rejected pack's records are counted failed and reported with their number
      const stats = mw.stats();
      assert.equal(stats.failed, rejected.length);
      assert.equal(stats.sent, 30 - rejected.length);
      assert.equal(stats.retried, transient.length);
      assert.ok(errors.some((e) => e.code === 'REJECTED' && e.count === rejected.length));
      // AND every other record arrived exactly once
      const received = sqs.received.map((r) => r.event_id);
      assert.equal(received.length, 30 - rejected.length);
      assert.equal(new Set(received).size, received.length);
      assert.ok(rejected.every((id) => !received.includes(id)));
    } finally {
      await server.close();
    }
  });
});

describe('the byte limit of a pack (Sender)', () => {
  // Records of an exact serialised size: {"v":1,"pad":""} is 16 bytes, plus the padding.
  const sized = (bytes) => ({ v: 1, pad: 'x'.repeat(bytes - 16) });
  function sender(sqs, options = {}) {
    return new Sender({
      client: sqs, queueUrl: QUEUE, maxBatchBytes: 256 * KiB, maxMessageBytes: 256 * KiB, maxPackBytes: 1000,
      flushIntervalMs: 60000, maxBufferRecords: 1000, maxBufferBytes: 16 * 1024 * KiB, maxInFlight: 1,
      maxRetries: 0, retryBaseMs: 5, retryMaxMs: 5, sendTimeoutMs: 1000, report: () => {}, ...options,
    });
  }

  test('records that fill the budget exactly share one message; one byte more opens a second', async () => {
    // GIVEN a 1000-byte budget: 1000 - 30 attribute bytes - 2 separators = 968 bytes of records
    assert.equal(PACKED_ATTRIBUTE_BYTES, 30);
    assert.equal(Buffer.byteLength(serialize(sized(300))), 300);
    for (const [last, messages] of [[368, 1], [369, 2]]) {
      const sqs = new FakeSqs();
      const s = sender(sqs);
      // WHEN three records of 300, 300 and `last` bytes are sent
      [300, 300, last].forEach((n) => s.enqueue(sized(n)));
      await s.close(1000);
      // THEN at exactly the budget they are one message of 1000 bytes; one byte over, two
      const entries = sqs.entriesSent;
      assert.equal(entries.length, messages, `last record of ${last} bytes`);
      if (messages === 1) assert.equal(sqsBytes(entries[0]), 1000);
      assert.ok(entries.every((e) => sqsBytes(e) <= 1000));
      assert.equal(sqs.received.length, 3);
    }
  });

  test('a record larger than the pack budget travels alone; one at the message limit still goes, one byte more loses its bodies', async () => {
    const sqs = new FakeSqs();
    const s = sender(sqs, { maxMessageBytes: 5000 });
    // GIVEN records of 2000 bytes (over the 1000-byte pack budget), 4970 (5000 with the
    // attribute: the message limit) and one over 4970 with a response body
    s.enqueue(sized(100));
    s.enqueue(sized(2000));
    s.enqueue(sized(100));
    s.enqueue(sized(4970));
    const over = { ...sized(4000), response: { body: 'b'.repeat(1000), body_bytes: 1000 } };
    const overBytes = Buffer.byteLength(serialize(over));
    assert.ok(overBytes > 4970, `${overBytes}`);
    s.enqueue(over);
    await s.close(1000);
    // THEN the large ones each have a message of their own, at most 5000 bytes
    const sizes = sqs.entriesSent.map((e) => [lines(e).length, sqsBytes(e)]);
    assert.deepEqual(sizes.slice(0, 4), [[1, 130], [1, 2030], [1, 130], [1, 5000]]);
    // AND the one over the limit went without its body, as before packing
    assert.equal(sqs.received[4].response.body, null);
    assert.equal(sqs.received[4].response.body_truncated, true);
    assert.equal(s.stats().oversize, 0);
  });
});
