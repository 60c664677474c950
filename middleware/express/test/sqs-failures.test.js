'use strict';
// An SQS that rejects, hangs or throws must leave the app's responses exactly as they would
// be without droplets, and quickly; failures end up counted and reported, never thrown.
// These run with the defaults, so with packing on (several records per message); what is
// particular to packs is in packing.test.js.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const express = require('express5');
const droplets = require('..');
const { FakeSqs, sqsBytes } = require('./helpers/fake-sqs');
const { sqsFailingFirstCall } = require('./helpers/partial-failure');
const { listen, request, waitFor } = require('./helpers/http');

const QUEUE = 'http://127.0.0.1:9/000000000000/events';

function courseApp(mw) {
  const app = express();
  if (mw) app.use(mw);
  app.use(express.json());
  app.get('/courses/:id', (req, res) => res.set('x-course', req.params.id).json({ id: req.params.id, title: 'Intro' }));
  app.post('/signup', (req, res) => res.status(201).json({ email: req.body.email }));
  app.get('/fail', (req, res) => res.status(503).send('try later'));
  return app;
}

const CALLS = [
  { path: '/courses/1' },
  { path: '/signup', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"a@b.c"}' },
  { path: '/fail' },
  { path: '/nope' },
];

function comparable(res) {
  const { date, ...headers } = res.headers;
  return { status: res.status, headers, body: res.body.toString('base64') };
}

describe('an SQS that misbehaves leaves responses unchanged', () => {
  for (const mode of ['reject', 'hang', 'hang-deaf', 'throw', 'deny']) {
    test(`SQS ${mode}: same status, headers and bodies, every response within a generous bound`, async () => {
      // GIVEN the app with droplets whose SQS ${mode}s, and the same app without droplets
      const errors = [];
      const sqs = new FakeSqs(mode);
      const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, sendTimeoutMs: 1500, retryBaseMs: 5, onError: (e) => errors.push(e) });
      const [a, b] = [await listen(courseApp(mw)), await listen(courseApp(null))];
      try {
        // WHEN the same calls go to both, several rounds so that sends are in flight
        let slowest = 0;
        for (let round = 0; round < 5; round += 1) {
          for (const call of CALLS) {
            const started = process.hrtime.bigint();
            const withDroplets = await request(a.url + call.path, call);
            slowest = Math.max(slowest, Number(process.hrtime.bigint() - started) / 1e6);
            const without = await request(b.url + call.path, call);
            // THEN the responses are the same
            assert.deepEqual(comparable(withDroplets), comparable(without));
          }
        }
        // AND no response waited on SQS (a hanging call takes 1.5 s; a response, a few ms)
        assert.ok(slowest < 1000, `slowest response took ${slowest} ms`);
        // AND droplets noticed and told onError
        await waitFor(() => sqs.calls.length > 0 && errors.length > 0, 7000, 'a send attempt and an error report');
        // AND every request was captured, or counted as dropped once the queue was found down
        // (an SQS that fails every call at once opens the circuit within a few requests)
        const stats = mw.stats();
        assert.equal(stats.captured + stats.dropped, 20);
      } finally {
        await mw.close(50);
        await a.close();
        await b.close();
      }
    });
  }

  test('a hanging call is aborted at sendTimeoutMs and retried, then given up after maxRetries', async () => {
    const errors = [];
    const sqs = new FakeSqs('hang');
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, sendTimeoutMs: 50, retryBaseMs: 5, retryMaxMs: 10, maxRetries: 2, onError: (e) => errors.push(e) });
    const server = await listen(courseApp(mw));
    try {
      await request(`${server.url}/courses/1`);
      await waitFor(() => mw.stats().failed === 1, 3000, 'the record given up');
      assert.equal(sqs.calls.length, 3, 'one attempt and two retries');
      assert.ok(errors.some((e) => e.code === 'SEND_FAILED' && /TIMEOUT|DropletsError/.test(e.message)));
      assert.equal(mw.stats().buffered, 0);
    } finally {
      await server.close();
    }
  });
});

describe('retries and partial failures', () => {
  test('of a batch with Failed entries, only those without SenderFault are sent again (one record per message)', async () => {
    // GIVEN an SQS that fails entry 1 (transient) and entry 2 (sender fault) of the first
    // batch, and packing off (packed messages: packing.test.js)
    const sqs = sqsFailingFirstCall('1', '2');
    const errors = [];
    const mw = droplets({ queueUrl: QUEUE, client: sqs, pack: false, flushIntervalMs: 60000, retryBaseMs: 5, onError: (e) => errors.push(e) });
    const server = await listen(courseApp(mw));
    try {
      // WHEN ten calls make one full batch
      for (let i = 0; i < 10; i += 1) await request(`${server.url}/courses/${i}`);
      await waitFor(() => sqs.calls.length >= 2 && mw.stats().buffered === 0, 3000, 'the retry');
      // THEN the second call carries exactly the transient failure
      const first = sqs.calls[0].input.Entries;
      const second = sqs.calls[1].input.Entries;
      assert.equal(first.length, 10);
      assert.deepEqual(second.map((e) => e.MessageBody), [first[1].MessageBody]);
      assert.equal(sqs.calls.length, 2, 'the sender fault is never resent');
      const stats = mw.stats();
      assert.equal(stats.sent, 9);
      assert.equal(stats.failed, 1);
      assert.equal(stats.retried, 1);
      assert.ok(errors.some((e) => e.code === 'REJECTED' && e.count === 1));
      // AND the received records are distinct, the rejected one missing
      const ids = sqs.received.map((r) => r.event_id);
      assert.equal(new Set(ids).size, 9);
      assert.ok(!ids.includes(JSON.parse(first[2].MessageBody).event_id));
    } finally {
      await server.close();
    }
  });

  test('a whole call that fails transiently is retried with growing backoff; a client fault is not', async () => {
    const sqs = new FakeSqs((entries, call) => (call < 3 ? 'reject' : 'ok'));
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, retryBaseMs: 20, retryMaxMs: 1000, onError: () => {} });
    const server = await listen(courseApp(mw));
    try {
      await request(`${server.url}/courses/1`);
      await waitFor(() => mw.stats().sent === 1, 5000, 'the record sent');
      const gaps = sqs.calls.slice(1).map((c, i) => c.at - sqs.calls[i].at);
      // ceilings 20, 40, 80 ms; equal jitter waits at least half of each
      assert.ok(gaps[0] >= 9 && gaps[1] >= 19 && gaps[2] >= 39, `gaps ${gaps}`);
      assert.equal(mw.stats().retried, 3);
    } finally {
      await server.close();
    }

    const denied = new FakeSqs('deny');
    const mw2 = droplets({ queueUrl: QUEUE, client: denied, flushIntervalMs: 5, retryBaseMs: 5, onError: () => {} });
    const server2 = await listen(courseApp(mw2));
    try {
      await request(`${server2.url}/courses/1`);
      await waitFor(() => mw2.stats().failed === 1, 3000, 'the record given up');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(denied.calls.length, 1);
    } finally {
      await server2.close();
    }
  });
});

describe('an SQS endpoint that stays down', () => {
  test('sending pauses after failed calls, growing each time, instead of every batch retrying on its own', async () => {
    // GIVEN an SQS that fails every call at once, like a refused connection
    const sqs = new FakeSqs('reject');
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, retryBaseMs: 40, retryMaxMs: 400, maxRetries: 1000, onError: () => {} });
    const server = await listen(courseApp(mw));
    try {
      // WHEN 200 requests arrive over about a second (20 batches' worth)
      const started = Date.now();
      for (let i = 0; i < 200; i += 1) {
        await request(`${server.url}/courses/${i}`);
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 100));
      }
      const elapsed = Date.now() - started;
      // THEN calls were few: one per pause (20 ms, 40, 80, 160, 200, 200... ms), not one per batch and retry
      const allowed = 4 + Math.ceil(elapsed / 100);
      assert.ok(sqs.calls.length <= allowed, `${sqs.calls.length} calls in ${elapsed} ms (allowed ${allowed})`);
      // AND the records captured before the queue was found down wait in the buffer; the
      // requests after that were not captured, only counted (the circuit breaker: breaker.test.js)
      const stats = mw.stats();
      assert.equal(stats.buffered + stats.dropped, 200);
      assert.equal(stats.captured, stats.buffered);
      assert.ok(stats.dropped > 0, 'requests were dropped once the queue was down');
    } finally {
      await mw.close(20);
      await server.close();
    }
  });
});

describe('batching', () => {
  for (const pack of [true, false]) test(`no batch exceeds 10 entries or the byte budget, and every record arrives once (${pack ? 'packed' : 'one record per message'})`, async () => {
    // GIVEN records of very different sizes (bodies from 0 to 16 KiB) and a 40 000-byte budget
    const sqs = new FakeSqs();
    const budget = 40000;
    const mw = droplets({ queueUrl: QUEUE, client: sqs, pack, flushIntervalMs: 5, maxBatchBytes: budget, maxMessageBytes: budget, onError: () => {} });
    const app = express();
    app.use(mw);
    app.get('/size/:n', (req, res) => res.type('text').send('z'.repeat(Number(req.params.n))));
    const server = await listen(app);
    try {
      const sizes = Array.from({ length: 60 }, (_, i) => (i * 7919) % 16384);
      await Promise.all(sizes.map((n) => request(`${server.url}/size/${n}`)));
      await waitFor(() => sqs.received.length === sizes.length, 5000, 'all records');
      // THEN every call respected both limits, counting bytes as SQS does (bodies and attributes)
      for (const { input } of sqs.calls) {
        assert.ok(input.Entries.length <= 10);
        const bytes = input.Entries.reduce((sum, e) => sum + sqsBytes(e), 0);
        assert.ok(bytes <= budget, `a batch of ${bytes} bytes`);
        assert.equal(new Set(input.Entries.map((e) => e.Id)).size, input.Entries.length);
        assert.ok(input.Entries.every((e) => (e.MessageAttributes !== undefined) === pack), 'packs, and only packs, carry the format attribute');
      }
      assert.equal(new Set(sqs.received.map((r) => r.event_id)).size, sizes.length);
      // 60 records of 8 KiB on average, 40 000 bytes a call: at least 12 calls either way
      assert.ok(sqs.calls.length >= 12, `${sqs.calls.length} calls`);
    } finally {
      await server.close();
    }
  });

  for (const pack of [true, false]) test(`the default budget keeps batches of large records under 256 KiB (${pack ? 'packed' : 'one record per message'})`, async () => {
    const sqs = new FakeSqs();
    const mw = droplets({ queueUrl: QUEUE, client: sqs, pack, flushIntervalMs: 5, onError: () => {} });
    const app = express();
    app.use(mw);
    app.get('/big', (req, res) => res.type('text').send('\u00e9'.repeat(20000))); // 40 000 bytes, cut at 16 KiB
    const server = await listen(app);
    try {
      await Promise.all(Array.from({ length: 30 }, () => request(`${server.url}/big`)));
      await waitFor(() => sqs.received.length === 30, 5000, 'all records');
      for (const { input } of sqs.calls) {
        const bytes = input.Entries.reduce((sum, e) => sum + sqsBytes(e), 0);
        assert.ok(bytes <= 256 * 1024, `a batch of ${bytes} bytes`);
      }
      // 30 records of about 16.5 KiB: 495 KiB, more than one call holds
      assert.ok(sqs.calls.length >= 2, 'bytes split the records into several calls');
    } finally {
      await server.close();
    }
  });

  test('characters SQS refuses in a message body (U+FFFE, U+FFFF) are sent escaped, meaning the same', async () => {
    const sqs = new FakeSqs();
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, onError: () => {} });
    const app = express();
    app.use(mw);
    app.get('/odd', (req, res) => res.type('text').send('a\uFFFFb\uFFFEc'));
    const server = await listen(app);
    try {
      await request(`${server.url}/odd`);
      await waitFor(() => sqs.received.length === 1, 3000, 'the record');
      const body = sqs.calls[0].input.Entries[0].MessageBody; // a pack of one: the record's JSON
      assert.ok(!/[\uFFFE\uFFFF]/.test(body));
      assert.equal(JSON.parse(body).response.body, 'a\uFFFFb\uFFFEc');
    } finally {
      await server.close();
    }
  });

  test('a record over maxMessageBytes loses its bodies; one still too big is dropped and reported', async () => {
    const sqs = new FakeSqs();
    const errors = [];
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, maxMessageBytes: 2000, onError: (e) => errors.push(e) });
    const app = express();
    app.use(mw);
    app.get('/big', (req, res) => res.type('text').send('b'.repeat(5000)));
    app.get('/huge-query', (req, res) => res.send('ok'));
    const server = await listen(app);
    try {
      await request(`${server.url}/big`);
      await request(`${server.url}/huge-query?q=${'q'.repeat(3000)}`);
      await waitFor(() => sqs.received.length === 1 && mw.stats().oversize === 1, 3000, 'one record sent and one dropped');
      assert.equal(sqs.received[0].response.body, null);
      assert.equal(sqs.received[0].response.body_truncated, true);
      assert.equal(sqs.received[0].response.body_bytes, 5000);
      assert.ok(errors.some((e) => e.code === 'OVERSIZE'));
    } finally {
      await server.close();
    }
  });
});

describe('the bounded buffer', () => {
  test('with SQS hanging, records beyond maxBufferRecords are dropped and counted; memory stays bounded', async () => {
    const errors = [];
    const sqs = new FakeSqs('hang');
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, maxInFlight: 1, maxBufferRecords: 25, sendTimeoutMs: 60000, onError: (e) => errors.push(e) });
    const server = await listen(courseApp(mw));
    try {
      for (let i = 0; i < 100; i += 1) await request(`${server.url}/courses/${i}`);
      await waitFor(() => mw.stats().captured + mw.stats().dropped === 100, 2000, 'captures');
      const stats = mw.stats();
      assert.equal(stats.buffered, 25);
      assert.equal(stats.dropped, 75);
      assert.equal(stats.enqueued, 25);
      assert.equal(stats.captured, 25, 'once full, requests are not even captured');
      assert.equal(errors.filter((e) => e.code === 'BUFFER_FULL').length, 1, 'reported once, not per request');
      // AND while every call slot hangs, the sender sleeps: no busy loop on the event loop
      const realSetTimeout = globalThis.setTimeout;
      let timersSet = 0;
      globalThis.setTimeout = (...args) => { timersSet += 1; return realSetTimeout(...args); };
      const before = process.cpuUsage();
      try {
        await new Promise((r) => realSetTimeout(r, 500));
      } finally {
        globalThis.setTimeout = realSetTimeout;
      }
      const used = process.cpuUsage(before);
      assert.equal(timersSet, 0, 'no timer wakes the sender while the call hangs');
      // (a loop would take the whole 500 ms; the bound leaves room for GC on a shared machine)
      assert.ok((used.user + used.system) / 1000 < 150, `${(used.user + used.system) / 1000} ms CPU in 500 ms idle`);
      assert.equal(sqs.calls.length, 1, 'one call hangs; nothing else is tried meanwhile');
    } finally {
      const closed = await mw.close(20);
      assert.equal(closed.flushed, false);
      await server.close();
    }
  });

  test('maxBufferBytes bounds the bytes held', async () => {
    const sqs = new FakeSqs('hang');
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, maxInFlight: 1, maxBufferBytes: 20000, sendTimeoutMs: 60000, onError: () => {} });
    const app = express();
    app.use(mw);
    app.get('/t', (req, res) => res.type('text').send('t'.repeat(3000)));
    const server = await listen(app);
    try {
      for (let i = 0; i < 40; i += 1) await request(`${server.url}/t`);
      await waitFor(() => mw.stats().captured + mw.stats().dropped >= 40 && mw.stats().enqueued + mw.stats().dropped === 40, 2000, 'captures');
      const stats = mw.stats();
      assert.ok(stats.bufferedBytes <= 20000, `${stats.bufferedBytes} bytes held`);
      assert.ok(stats.dropped >= 30, `${stats.dropped} dropped`);
      assert.equal(stats.buffered + stats.dropped, 40);
    } finally {
      await mw.close(20);
      await server.close();
    }
  });
});

describe('close()', () => {
  test('sends everything held before its deadline, well before the flush interval', async () => {
    const sqs = new FakeSqs();
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 60000, onError: () => {} });
    const server = await listen(courseApp(mw));
    for (let i = 0; i < 25; i += 1) await request(`${server.url}/courses/${i}`);
    await server.close();
    const started = Date.now();
    const result = await mw.close(3000);
    assert.ok(Date.now() - started < 3000);
    assert.equal(result.flushed, true);
    assert.equal(result.unsent, 0);
    assert.equal(result.captured, 25);
    assert.equal(result.sent, 25);
    assert.equal(sqs.received.length, 25);
    // after close, new records are dropped, not sent
    assert.equal(await mw.close(), result, 'idempotent');
  });

  test('sends records awaiting a retry at once, without their backoff', async () => {
    const sqs = new FakeSqs((entries, call) => (call === 0 ? 'reject' : 'ok'));
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, retryBaseMs: 60000, retryMaxMs: 60000, onError: () => {} });
    const server = await listen(courseApp(mw));
    await request(`${server.url}/courses/1`);
    await waitFor(() => sqs.calls.length === 1 && mw.stats().inFlight === 0, 2000, 'the failed call');
    await server.close();
    const result = await mw.close(2000);
    assert.equal(result.flushed, true);
    assert.equal(sqs.received.length, 1);
  });

  test('a call that fails while the thread is busy is retried when its pause ends, not at the deadline', async () => {
    // GIVEN a Sender closing with records held, whose first call fails after the thread was
    // busy for 80 ms (the SDK serialising a large batch, say): the event loop's clock, which
    // starts timers, then lags Date.now() by that much, and a pause's timer fires while
    // Date.now() says the pause has not ended yet
    const { Sender } = require('../lib/sender');
    let calls = 0;
    const client = {
      send: (command) => new Promise((resolve, reject) => {
        calls += 1;
        setImmediate(() => {
          if (calls === 1) {
            const until = Date.now() + 80;
            while (Date.now() < until); // busy: the loop's cached time falls behind
            reject(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }));
          } else {
            resolve({ Successful: command.input.Entries.map((e) => ({ Id: e.Id })), Failed: [] });
          }
        });
      }),
    };
    const sender = new Sender({
      client, queueUrl: QUEUE, maxBatchBytes: 256 * 1024, maxMessageBytes: 256 * 1024, pack: true, maxPackBytes: 64 * 1024,
      flushIntervalMs: 60000, maxBufferRecords: 100, maxBufferBytes: 1024 * 1024, maxInFlight: 1, maxRetries: 3,
      retryBaseMs: 20, retryMaxMs: 20, sendTimeoutMs: 5000, report: () => {},
    });
    for (let i = 0; i < 10; i += 1) sender.enqueue({ v: 1, i });
    // WHEN it closes with a deadline far beyond the pause
    const started = Date.now();
    const result = await sender.close(5000);
    // THEN the records leave on the retry, right after the pause, not at the deadline
    assert.equal(result.flushed, true);
    assert.equal(result.sent, 10);
    assert.equal(calls, 2);
    assert.ok(Date.now() - started < 2000, `close took ${Date.now() - started} ms`);
  });

  for (const mode of ['hang', 'hang-deaf']) {
    test(`gives up at its deadline when SQS ${mode}s, counting what was not sent`, async () => {
      const errors = [];
      const sqs = new FakeSqs(mode);
      const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, sendTimeoutMs: 60000, onError: (e) => errors.push(e) });
      const server = await listen(courseApp(mw));
      for (let i = 0; i < 12; i += 1) await request(`${server.url}/courses/${i}`);
      await server.close();
      const started = Date.now();
      const result = await mw.close(300);
      const took = Date.now() - started;
      assert.ok(took >= 290 && took < 2000, `close took ${took} ms`);
      assert.equal(result.flushed, false);
      assert.equal(result.unsent, 12);
      assert.equal(result.buffered, 0);
      assert.ok(errors.some((e) => e.code === 'CLOSED' && e.count === 12));
    });
  }
});

describe('sampling and skipping', () => {
  test('sampleRate 0 captures nothing; skip() leaves chosen requests out', async () => {
    const sqs = new FakeSqs();
    const none = droplets({ queueUrl: QUEUE, client: sqs, sampleRate: 0, flushIntervalMs: 5, onError: () => {} });
    const some = droplets({ queueUrl: QUEUE, client: sqs, skip: (req) => req.path === '/health', flushIntervalMs: 5, onError: () => {} });
    const a = await listen(courseApp(none));
    const app = courseApp(some);
    app.get('/health', (req, res) => res.send('ok'));
    const b = await listen(app);
    try {
      await request(`${a.url}/courses/1`);
      await request(`${b.url}/health`);
      await request(`${b.url}/courses/2`);
      await waitFor(() => sqs.received.length === 1, 2000, 'one record');
      assert.equal(sqs.received[0].request.path, '/courses/2');
      assert.deepEqual([none.stats().skipped, some.stats().skipped], [1, 1]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
