'use strict';
// The circuit breaker (lib/sender.js): once calls to the queue keep failing, a request costs
// the app a counter and nothing else (no capture: res.write/res.end are not even wrapped),
// the queue is probed with backoff, and the first call that succeeds brings capture back.
// On real Express servers: the app's-thread pipeline with a fake SQS that a test takes down
// and brings back, and the worker thread with its own SQSClient against a port that refuses
// and an endpoint that swallows calls (test/helpers/queue-front.js).
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const express = require('express5');
const droplets = require('..');
const { FakeSqs } = require('./helpers/fake-sqs');
const { startSqsEndpoint } = require('./helpers/sqs-endpoint');
const { closedPort, startQueueFront } = require('./helpers/queue-front');
const { listen, request, waitFor } = require('./helpers/http');

const QUEUE = 'http://127.0.0.1:9/000000000000/events';
const MARK = Symbol.for('@droplets/express.capture');

before(() => {
  // The worker's SQSClient reads its credentials from the environment, as in production.
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
});

/** An app whose answers say whether droplets is capturing them: marked and res.write wrapped. */
function courseApp(mw) {
  const app = express();
  app.use(mw);
  app.get('/courses/:id', (req, res) => res.json({
    id: req.params.id,
    captured: req[MARK] !== undefined && req[MARK] !== false,
    wrapped: res.write !== http.ServerResponse.prototype.write,
  }));
  return app;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(server, id) {
  const res = await request(`${server.url}/courses/${id}`);
  assert.equal(res.status, 200);
  return JSON.parse(res.body.toString('utf8'));
}

/**
 * While the queue is down, with no record held (so that each pause ends wanting the next
 * request's record as its probe): bursts of concurrent requests, then the counts once the
 * last probe has been answered. Each captured request must be a probe, alone in its call.
 */
async function burstsWhileDown(mw, server, { bursts = 8, size = 30 } = {}) {
  await waitFor(() => mw.stats().queueDown && mw.stats().buffered === 0 && mw.stats().inFlight === 0, 5000, 'the records given up');
  const atDown = mw.stats();
  let made = 0;
  let captured = 0;
  for (let b = 0; b < bursts || captured === 0; b += 1) {
    assert.ok(b < 100, 'no request captured as a probe');
    const bodies = await Promise.all(Array.from({ length: size }, (_, i) => get(server, `burst-${b}-${i}`)));
    made += size;
    captured += bodies.filter((body) => body.captured).length;
    await sleep(50);
  }
  await waitFor(() => mw.stats().buffered === 0 && mw.stats().inFlight === 0, 5000, 'the last probe answered');
  const stats = mw.stats();
  return { made, captured, counted: stats.captured - atDown.captured, dropped: stats.dropped - atDown.dropped, calls: stats.batches - atDown.batches, stillDown: stats.queueDown };
}

/** Requests, one at a time, until droplets says the queue is down; how many were made. */
async function requestsUntilDown(mw, server, limit = 500) {
  for (let i = 0; i < limit; i += 1) {
    if (mw.stats().queueDown) return i;
    await get(server, `before-${i}`);
    await sleep(5);
  }
  throw new Error(`the queue was not found down after ${limit} requests`);
}

describe('the circuit breaker, on the app\'s thread', () => {
  test('opens after calls fail; while open a request is only counted; probes with the records held; a probe that succeeds brings capture back', async () => {
    // GIVEN droplets whose SQS fails every call, for as long as `up` is false
    let up = false;
    const sqs = new FakeSqs(() => (up ? 'ok' : 'reject'));
    const errors = [];
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, retryBaseMs: 20, retryMaxMs: 40, maxRetries: 1000, onError: (e) => errors.push(e) });
    const server = await listen(courseApp(mw));
    try {
      // WHEN requests arrive while every call fails
      await requestsUntilDown(mw, server);
      const atOpen = mw.stats();
      // THEN the circuit opened, reported once, and not as a full buffer
      assert.equal(errors.filter((e) => e.code === 'QUEUE_DOWN').length, 1);
      assert.equal(errors.filter((e) => e.code === 'BUFFER_FULL').length, 0);
      assert.ok(atOpen.buffered > 0 && atOpen.buffered === atOpen.captured, 'the records captured before are held');

      // AND while it is open, requests are answered as ever but not captured, only counted
      for (let i = 0; i < 30; i += 1) {
        const body = await get(server, `down-${i}`);
        assert.deepEqual(body, { id: `down-${i}`, captured: false, wrapped: false });
      }
      const during = mw.stats();
      assert.equal(during.captured, atOpen.captured, 'no request captured while the queue is down');
      assert.equal(during.dropped, atOpen.dropped + 30, 'each counted as dropped');
      assert.equal(during.buffered, atOpen.buffered);
      assert.equal(errors.filter((e) => e.code === 'QUEUE_DOWN').length, 1, 'reported once, not per request');

      // AND the queue is probed meanwhile, one call at a time, with the records held
      const calls = sqs.calls.length;
      await waitFor(() => sqs.calls.length >= calls + 2, 3000, 'probe calls');
      assert.ok(mw.stats().queueDown);

      // WHEN the queue comes back
      up = true;
      await waitFor(() => !mw.stats().queueDown, 3000, 'a probe that succeeds');
      // THEN requests are captured again, and every record captured reaches the queue once
      const body = await get(server, 'after');
      assert.deepEqual(body, { id: 'after', captured: true, wrapped: true });
      mw.flush();
      await waitFor(() => mw.stats().sent === atOpen.captured + 1, 3000, 'every captured record sent');
      const paths = sqs.received.map((r) => r.request.path);
      assert.equal(new Set(paths).size, paths.length);
      assert.ok(paths.includes('/courses/after'));
      assert.ok(!paths.some((p) => p.startsWith('/courses/down-')), 'nothing of the requests while down');
      assert.equal(mw.stats().dropped, atOpen.dropped + 30, 'no request dropped once the queue was back');
    } finally {
      await mw.close(50);
      await server.close();
    }
  });

  test('with no record left to probe with (given up after maxRetries), the next request is captured as the probe, and only it', async () => {
    // GIVEN droplets whose SQS fails every call, and records given up after their first failure
    let up = false;
    const sqs = new FakeSqs(() => (up ? 'ok' : 'reject'));
    // (pauses of 50-100 ms between probes: several requests arrive in each)
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, retryBaseMs: 50, retryMaxMs: 100, maxRetries: 0, onError: () => {} });
    const server = await listen(courseApp(mw));
    try {
      await requestsUntilDown(mw, server);
      await waitFor(() => mw.stats().buffered === 0 && mw.stats().inFlight === 0, 3000, 'the records given up');
      const atDown = mw.stats();
      // WHEN requests keep arriving, one at a time
      const captured = [];
      let made = 0;
      while (captured.length < 2) {
        assert.ok(made < 400, 'no probe request within 400 requests');
        const body = await get(server, `down-${made}`);
        made += 1;
        if (body.captured) captured.push(body.id);
        await sleep(5);
      }
      // THEN now and then one is captured, and its record is the probe: a call of its own
      for (const id of captured) {
        const call = sqs.calls.find((c) => c.input.Entries.some((e) => e.MessageBody.includes(`/courses/${id}`)));
        assert.ok(call, `a probe call carried ${id}`);
        assert.equal(call.input.Entries.length, 1);
      }
      // AND every other request was dropped and counted
      const stats = mw.stats();
      assert.equal(stats.captured - atDown.captured, captured.length);
      assert.equal(stats.dropped - atDown.dropped, made - captured.length);
      assert.ok(made > captured.length, 'requests between the probes were dropped');
      assert.ok(stats.queueDown, 'the probes failed: still down');
      // WHEN the queue comes back, the next probe closes the circuit
      up = true;
      for (let i = 0; mw.stats().queueDown; i += 1) {
        assert.ok(i < 400, 'the circuit did not close');
        await get(server, `late-${i}`);
        await sleep(5);
      }
      assert.deepEqual(await get(server, 'after'), { id: 'after', captured: true, wrapped: true });
    } finally {
      await mw.close(50);
      await server.close();
    }
  });

  test('a probe answered with a client fault (access denied) closes it: the queue is reachable, capture resumes', async () => {
    // GIVEN droplets whose SQS fails every call, then answers with AccessDenied
    let mode = 'reject';
    const sqs = new FakeSqs(() => mode);
    const errors = [];
    const mw = droplets({ queueUrl: QUEUE, client: sqs, flushIntervalMs: 5, retryBaseMs: 20, retryMaxMs: 40, maxRetries: 1000, onError: (e) => errors.push(e) });
    const server = await listen(courseApp(mw));
    try {
      await requestsUntilDown(mw, server);
      const held = mw.stats().buffered;
      // WHEN the next probe is answered with a client fault
      mode = 'deny';
      await waitFor(() => !mw.stats().queueDown, 3000, 'the probe answered');
      // THEN the records it carried failed (not retried), and requests are captured again
      assert.equal(mw.stats().failed, held);
      assert.ok(errors.some((e) => e.code === 'SEND_FAILED'));
      assert.deepEqual(await get(server, 'after'), { id: 'after', captured: true, wrapped: true });
    } finally {
      await mw.close(50);
      await server.close();
    }
  });
});

describe('the circuit breaker, with the worker thread and its SQSClient', () => {
  test('a queue endpoint that refuses connections opens it: requests are counted, not captured', async () => {
    // GIVEN droplets (worker thread) whose queue endpoint refuses connections
    const endpoint = await closedPort();
    const errors = [];
    const mw = droplets({ queueUrl: `${endpoint}/000000000000/events`, endpoint, flushIntervalMs: 5, retryBaseMs: 20, retryMaxMs: 100, maxRetries: 1000, onError: (e) => errors.push(e) });
    const server = await listen(courseApp(mw));
    try {
      // WHEN requests arrive until the worker finds the queue down
      await requestsUntilDown(mw, server, 2000);
      const atOpen = mw.stats();
      // THEN the next requests are answered, not captured, and counted as dropped
      for (let i = 0; i < 20; i += 1) assert.deepEqual(await get(server, `down-${i}`), { id: `down-${i}`, captured: false, wrapped: false });
      const stats = mw.stats();
      assert.equal(stats.captured, atOpen.captured);
      assert.equal(stats.dropped, atOpen.dropped + 20);
      assert.ok(errors.some((e) => e.code === 'QUEUE_DOWN'));
      assert.ok(!errors.some((e) => e.code === 'BUFFER_FULL'));
    } finally {
      await server.close();
      const closed = await mw.close(50);
      assert.equal(closed.flushed, false);
    }
  });

  test('requests arriving together while the worker wants a probe: one is captured for it, the others are dropped on the app\'s thread', async () => {
    // GIVEN droplets (worker thread) whose queue endpoint refuses connections, found down,
    // its records given up after their first failure
    const endpoint = await closedPort();
    const mw = droplets({ queueUrl: `${endpoint}/000000000000/events`, endpoint, flushIntervalMs: 5, retryBaseMs: 100, retryMaxMs: 200, maxRetries: 0, onError: () => {} });
    const server = await listen(courseApp(mw));
    try {
      await requestsUntilDown(mw, server, 2000);
      // WHEN requests arrive in bursts of concurrent requests, while the worker's reports
      // (every 20 ms at most) still say it wants a probe
      const seen = await burstsWhileDown(mw, server);
      // THEN only probes were captured: no call carried more than the one record of its probe
      assert.equal(seen.counted, seen.captured);
      assert.ok(seen.captured <= seen.calls, `${seen.captured} requests captured for ${seen.calls} probe calls`);
      assert.equal(seen.dropped, seen.made - seen.captured);
      assert.ok(seen.stillDown);
    } finally {
      await server.close();
      await mw.close(50);
    }
  });

  test('calls that hang until the timeout open it too; once the endpoint answers, a probe closes it and records flow again', async () => {
    // GIVEN droplets (worker thread) whose queue endpoint accepts connections and never answers
    const sqs = await startSqsEndpoint();
    const front = await startQueueFront(sqs.endpoint, 'blackhole');
    const errors = [];
    const mw = droplets({ queueUrl: front.queueUrl, endpoint: front.endpoint, flushIntervalMs: 5, sendTimeoutMs: 200, retryBaseMs: 20, retryMaxMs: 100, maxRetries: 1000, onError: (e) => errors.push(e) });
    const server = await listen(courseApp(mw));
    try {
      // WHEN requests arrive while the calls time out
      await requestsUntilDown(mw, server, 2000);
      const atOpen = mw.stats();
      assert.ok(errors.some((e) => e.code === 'QUEUE_DOWN'));
      // THEN requests are not captured meanwhile
      for (let i = 0; i < 20; i += 1) assert.deepEqual(await get(server, `down-${i}`), { id: `down-${i}`, captured: false, wrapped: false });
      assert.equal(mw.stats().captured, atOpen.captured);
      assert.equal(mw.stats().dropped, atOpen.dropped + 20);
      assert.equal(sqs.state.calls, 0);

      // WHEN the endpoint answers again
      front.set('up');
      await waitFor(() => !mw.stats().queueDown, 5000, 'a probe that succeeds');
      // THEN capture resumes, and what was held and what is captured now reach the queue
      assert.deepEqual(await get(server, 'after'), { id: 'after', captured: true, wrapped: true });
      mw.flush();
      await waitFor(() => mw.stats().sent === atOpen.captured + 1, 5000, 'every captured record sent');
      const bodies = sqs.state.bodies.join('\n');
      assert.ok(bodies.includes('"/courses/after"'));
      assert.ok(!bodies.includes('/courses/down-'), 'nothing of the requests while down');
    } finally {
      await server.close();
      await mw.close(1000);
      await front.close();
      await sqs.close();
    }
  });
});
