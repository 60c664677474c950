'use strict';
// Start the example API: `npm start`. Configured by the environment:
//   PORT                 port to listen on (default 3000; 0 picks a free one)
//   HOST                 address to bind (default 127.0.0.1)
//   DROPLETS_QUEUE_URL   the events queue (Pulumi stack output `queueUrl`); unset: no capture
//   AWS_REGION           the queue's region
//   AWS_ENDPOINT_URL     an AWS emulator (moto) instead of AWS; the AWS SDK reads it itself
//   DROPLETS_SQS_WORKER  "false" keeps the SDK's calls on the main thread (default: a worker thread)
//   DROPLETS_PACK        "false" sends one record per SQS message (default: several, packed)
//   SIMULATED_DB_MS      each API call waits this long, as for a database query (default 0;
//                        for benchmarks of an I/O-bound API)
// Prints `listening on http://<host>:<port>` once it accepts connections, so a parent
// process can read the URL, and flushes captured records on SIGTERM / SIGINT.
const droplets = require('@droplets/express');
const { createApp } = require('./app');

const SHUTDOWN_DEADLINE_MS = 5000;

function dbLatencyMs() {
  const value = process.env.SIMULATED_DB_MS ?? '0';
  const ms = Number(value);
  if (value.trim() === '' || !Number.isFinite(ms) || ms < 0) {
    console.error(`SIMULATED_DB_MS must be a number of milliseconds >= 0, got ${JSON.stringify(value)}`);
    process.exit(1);
  }
  return ms;
}

function captureTo(queueUrl) {
  try {
    return droplets({
      queueUrl,
      service: 'courses-api',
      redactPaths: ['card.number'], // besides every field named like a credential (password...)
      skip: (req) => req.path === '/health',
      worker: process.env.DROPLETS_SQS_WORKER !== 'false',
      pack: process.env.DROPLETS_PACK !== 'false',
    });
  } catch (err) {
    // A configuration error (no region for the queue URL, a bad option): its one line, not a stack.
    if (!(err instanceof TypeError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

function main() {
  const dbMs = dbLatencyMs();
  const queueUrl = process.env.DROPLETS_QUEUE_URL;
  const capture = queueUrl ? captureTo(queueUrl) : null;
  if (!capture) console.log('droplets: DROPLETS_QUEUE_URL is not set, API calls are not captured');

  const app = createApp(capture, { dbLatencyMs: dbMs });
  const host = process.env.HOST || '127.0.0.1';
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, host, (err) => {
    if (err) {
      // Express 5 hands listen errors (port in use, bad host) to this callback.
      console.error(`cannot listen on ${host}:${port}: ${err.message}`);
      process.exit(1);
    }
    const address = server.address();
    console.log(`listening on http://${address.address}:${address.port}`);
  });

  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the server`);
    // Stop accepting connections; requests in progress finish (and are captured) first.
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS);
    force.unref();
    server.close(async () => {
      if (capture) {
        const result = await capture.close(SHUTDOWN_DEADLINE_MS);
        console.log(`droplets: flushed=${result.flushed} sent=${result.sent} dropped=${result.dropped} failed=${result.failed} messages=${result.messages} calls=${result.batches}`);
      }
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main();
