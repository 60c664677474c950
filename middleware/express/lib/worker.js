'use strict';
// The middleware's worker thread (lib/worker-pipeline.js starts it): everything between a
// request's snapshot and SQS happens here, off the event loop that serves the app's requests:
// building and redacting the record, serialising, packing, batching, retries, and the AWS
// SDK's work per call (serialising, signing, HTTP, checking the reply).
//
// Messages from the app's thread: {type: 'snapshots', count, values, bytes} (lib/worker-pipeline.js, postSnapshots), {type: 'flush'},
// {type: 'close', deadlineMs}. To it: {type: 'stats', stats, full, received} whenever the
// counters change (at most every STATS_MS, at once when `full` changes), {type: 'error',
// code, message, count} for onError, and {type: 'closed', result} once close() is done.
const { parentPort, workerData } = require('node:worker_threads');
const { Pipeline } = require('./pipeline');
const { explain } = require('./aws-config');
const { sqsClient } = require('./sqs-client');
const { unpackSnapshots } = require('./worker-pipeline');

const STATS_MS = 20;

// The client of sqs-client.js (md5: false, cacheMiddleware: true, the body written by
// JSON.stringify): no per-call options reach the SDK, timeouts are the request handler's.
const sdk = sqsClient(workerData.sqs);
// "no AWS credentials: set ...", not the SDK's bare message
const client = { send: (command) => sdk.send(command).catch((err) => { throw explain(err); }) };

// Only what onError needs crosses back: the code, the message (never record contents) and the count.
function report(err) {
  parentPort.postMessage({ type: 'error', code: err.code || 'CAPTURE_FAILED', message: String(err.message), count: err.count || 0 });
}

const pipeline = new Pipeline(workerData.settings, client, report);
let received = 0;
let last = '';
let lastFull = false;

function postStats(force) {
  const stats = pipeline.stats();
  const full = pipeline.full();
  const key = `${received} ${full} ${Object.values(stats).join(' ')}`;
  if (!force && key === last) return;
  last = key;
  lastFull = full;
  parentPort.postMessage({ type: 'stats', stats, full, received });
}

setInterval(() => postStats(false), STATS_MS).unref();

parentPort.on('message', (message) => {
  switch (message.type) {
    case 'snapshots':
      for (const raw of unpackSnapshots(message)) pipeline.accept(raw);
      received += message.count;
      if (pipeline.full() !== lastFull) postStats(false);
      break;
    case 'flush':
      pipeline.flush();
      break;
    case 'close':
      pipeline.close(message.deadlineMs).then((result) => {
        sdk.destroy();
        postStats(true);
        parentPort.postMessage({ type: 'closed', result });
      });
      break;
    default:
      break;
  }
});
