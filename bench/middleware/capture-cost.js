'use strict';
// bench/middleware/capture-cost.js: what each step of a capture costs in CPU, counted on the
// thread that runs it (/proc/thread-self/schedstat: nanoseconds on a CPU, whatever else the
// machine is doing; a sampling profile counts wall time instead, and on a loaded machine puts
// the waits for a core on whatever function was running).
//
// The requests are real: the bench's request mix (bench/middleware/run.js) served once by the
// example app (examples/express-app/app.js) with droplets mounted as server.js mounts it; their
// req/res objects are kept and each step is replayed on them in a loop, steps interleaved over
// rounds, medians of the rounds.
//
// On the app's thread (every request):
//   snapshot         copy the call's raw facts out of req/res (lib/snapshot.js)
//   hand-off         postMessage of the snapshots, 64 at a time, to a worker that discards them
// In the worker thread by default; on the app's thread with `worker: false` or a client of your own:
//   record           build and redact the record from the snapshot (lib/record.js)
//   serialise        JSON.stringify for the message (lib/sender.js)
//   serialise, pack and send   the Sender with the default client's SQSClient (lib/sqs-client.js),
//                    sending to the minimal SQS endpoint (sqs-stub.js, its own process): what the
//                    worker spends per record from a built record to SQS's answer
// With --before DIR (a copy of examples/express-app whose @droplets/express is an earlier
// version, as for run.js), also the earlier version's step on the app's thread:
//   before: record + serialise   building the record from req/res and serialising it
// And everything droplets does on the app's thread for one request, the hooks included
// (marking it, wrapping res.write/res.end, observing the body, the 'close' listener), replayed
// on stand-in req/res objects made from the real ones (the app's own work is not replayed;
// making and ending the stand-ins alone is measured too, and subtracted):
//   app thread, all: worker      droplets with its defaults (the worker, its SQSClient sending
//                                to sqs-stub.js)
//   app thread, all: worker false   everything on the app's thread (a client that answers at once)
//   app thread, all: not captured   a request while the queue is down or the buffer full: what
//                                is left of droplets' cost then (here a buffer that stays full)
//   before: app thread, all      the earlier version (with --before)
//   pino-http, app thread        the yardstick, as pino-server.js sets it up (asynchronous file
//                                destination; the writes themselves happen on libuv's threads)
// Usage: cd bench/middleware && node capture-cost.js [--rounds 7] [--before DIR] [--only REGEX: the steps
//        whose names match, e.g. --only 'app thread, all|snapshot|hand-off' (one argument, spaces and
//        all; the stand-ins' row always runs)]. AWS_REGION defaults to us-east-1.
// Every droplets instance below settles its region when it is made (lib/aws-config.js): the
// stubs stand for any region.
process.env.AWS_REGION ??= 'us-east-1';
const fs = require('node:fs');
const path = require('node:path');
const { startStub } = require('./load');
const { Worker } = require('node:worker_threads');
const os = require('node:os');
const pino = require('pino');
const pinoHttp = require('pino-http');

const ROOT = path.resolve(__dirname, '..', '..');
const MIDDLEWARE = path.join(ROOT, 'middleware', 'express');
const droplets = require(MIDDLEWARE);
const { snapshot } = require(path.join(MIDDLEWARE, 'lib', 'snapshot.js'));
const { buildRecord } = require(path.join(MIDDLEWARE, 'lib', 'record.js'));
const { serialize, Sender } = require(path.join(MIDDLEWARE, 'lib', 'sender.js'));
const { inThreadClient, sqsConfig } = require(path.join(MIDDLEWARE, 'lib', 'sqs-client.js'));
const { SQSClient } = require(require.resolve('@aws-sdk/client-sqs', { paths: [MIDDLEWARE] }));
const { Redactor } = require(path.join(MIDDLEWARE, 'lib', 'redact.js'));
const { HANDOFF_RECORDS, postSnapshots } = require(path.join(MIDDLEWARE, 'lib', 'worker-pipeline.js'));
const { OPTIONS, captures, discard, standIns } = require('./stand-ins');

/** `--name value` pairs (a value may hold spaces: it is its own argv word); a flag alone is `true`. */
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (!argv[i].startsWith('--')) throw new Error(`capture-cost.js: unexpected argument ${JSON.stringify(argv[i])}`);
    const name = argv[i].slice(2);
    out[name] = i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[(i += 1)] : true;
  }
  return out;
}
const args = parseArgs(process.argv.slice(2));
const ROUNDS = Number(args.rounds || 7);
const BEFORE = args.before ? path.resolve(String(args.before)) : null;
const ONLY = args.only ? new RegExp(String(args.only)) : null;
const OPS = 40000; // per step per round: long enough that the scheduler tick (when a running thread's time is updated) is a small error

/** Nanoseconds this thread has run on a CPU. */
function threadCpuNs() {
  return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const now = await captures(droplets({ ...OPTIONS, client: discard }));
  const raws = now.map((c) => snapshot(c.req, c.res, c, c.opts));
  const config = { source: { service: 'courses-api', env: 'production', host: 'bench' }, redactor: new Redactor(OPTIONS.redactPaths) };
  const worker = new Worker('require("node:worker_threads").parentPort.on("message", () => {})', { eval: true });
  let before = null;
  if (BEFORE) {
    const old = require(path.join(BEFORE, 'node_modules', '@droplets', 'express'));
    const oldLib = (name) => require(path.join(BEFORE, 'node_modules', '@droplets', 'express', 'lib', name));
    before = { captures: await captures(old({ ...OPTIONS, client: discard })), buildRecord: oldLib('record.js').buildRecord, serialize: oldLib('sender.js').serialize };
    // A version that builds records from snapshots (buildRecord(raw, config)): its record
    // step, on its own snapshots and with its own Redactor, beside this one's.
    if (before.buildRecord.length === 2 && fs.existsSync(path.join(BEFORE, 'node_modules', '@droplets', 'express', 'lib', 'snapshot.js'))) {
      const oldSnapshot = oldLib('snapshot.js').snapshot;
      before.raws = before.captures.map((c) => oldSnapshot(c.req, c.res, c, c.opts));
      before.config = { source: config.source, redactor: new (oldLib('redact.js').Redactor)(OPTIONS.redactPaths) };
    }
  }

  const stub = await startStub();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sqsOptions = { endpoint: stub.endpoint, connectTimeoutMs: 2000, sendTimeoutMs: 5000 };
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' });
  const client = inThreadClient(sqsOptions, 'us-east-1');
  // The same configuration on the SDK's own client, its default JSON codec (as before
  // lib/sqs-client.js chose JsonCodec): the A/B of that change, in this run.
  const sdkDefault = new SQSClient(sqsConfig(sqsOptions, 'us-east-1'));
  const defaultClient = { send: (command) => sdkDefault.send(command) };
  const SEND_OPS = OPS / 4;
  const sentVia = (client) => async () => {
    const records = Array.from({ length: SEND_OPS }, (_, i) => buildRecord(raws[i % raws.length], config));
    const sender = new Sender({
      client, queueUrl: `${stub.endpoint}/000000000000/events`, maxBatchBytes: 256 * 1024, maxMessageBytes: 256 * 1024, pack: true, maxPackBytes: 64 * 1024,
      flushIntervalMs: 1000, maxBufferRecords: SEND_OPS, maxBufferBytes: 1024 * 1024 * 1024, maxInFlight: 4, maxRetries: 3, retryBaseMs: 10, retryMaxMs: 100, sendTimeoutMs: 5000,
      report: (err) => { if (process.env.DEBUG) console.error(err.message); }, // none expected (checked below)
    });
    const start = threadCpuNs();
    for (const record of records) sender.enqueue(record);
    const result = await sender.close(60000);
    if (result.sent !== SEND_OPS) throw new Error(`sent ${result.sent} of ${SEND_OPS}`);
    // A retried call would count its work twice in this step's figure.
    if (result.retried > 0) console.warn(`capture-cost: the send step retried ${result.retried} record(s); its figure includes them`);
    return ((threadCpuNs() - start) * OPS) / SEND_OPS; // scaled: the loop divides by OPS
  };

  // Whole requests on stand-ins: droplets as the example app mounts it, with a buffer that
  // never fills (the worker sends to the stub), and on the app's thread.
  const make = standIns(now);
  const big = { maxBufferRecords: 1e7, maxBufferBytes: 16 * 1024 ** 3 };
  const workerStub = await startStub(); // its own: the worker's calls never slow the send step's
  const withWorker = droplets({ ...OPTIONS, ...big, queueUrl: `${workerStub.endpoint}/000000000000/events`, endpoint: workerStub.endpoint });
  const inThread = droplets({ ...OPTIONS, ...big, client: discard });
  const refusing = droplets({ ...OPTIONS, client: { send: () => new Promise(() => {}) }, maxBufferRecords: 1, sendTimeoutMs: 3600000, flushIntervalMs: 3600000 });
  // The earlier version as the app runs it: its own worker, sending to the same stub.
  const oldInstance = before && require(path.join(BEFORE, 'node_modules', '@droplets', 'express'))({ ...OPTIONS, ...big, queueUrl: `${workerStub.endpoint}/000000000000/events`, endpoint: workerStub.endpoint });
  const oldRefusing = before && require(path.join(BEFORE, 'node_modules', '@droplets', 'express'))({ ...OPTIONS, client: { send: () => new Promise(() => {}) }, maxBufferRecords: 1, sendTimeoutMs: 3600000, flushIntervalMs: 3600000 });
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-cost-'));
  const destination = pino.destination({ dest: path.join(logDir, 'pino.log'), minLength: 4096, sync: false });
  const logger = pinoHttp({ logger: pino(destination) });
  const noop = () => {};
  // With a worker, also the CPU of the process's other threads from the first request until
  // the worker has sent every record (its thread, V8's and libuv's helpers): the worker's
  // share, per request, kept under `workerRow`.
  const otherThreads = new Map();
  const processCpuNs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) * 1000;
  };
  const whole = (mw, workerRow) => async () => {
    const processStart = processCpuNs();
    const start = threadCpuNs();
    for (let i = 0; i < OPS; i += 1) {
      const { req, res, body } = make(i);
      if (mw) mw(req, res, noop);
      res.end(body);
      res.emit('close');
    }
    const ns = threadCpuNs() - start;
    if (mw && typeof mw.stats === 'function' && mw !== refusing && mw !== oldRefusing) {
      // Outside the count: the records leave before the next step, so that the worker's
      // sending does not run beside it.
      mw.flush();
      const until = Date.now() + 120000;
      while (mw.stats().buffered > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      if (workerRow) {
        const other = processCpuNs() - processStart - (threadCpuNs() - start);
        if (!otherThreads.has(workerRow)) otherThreads.set(workerRow, []);
        otherThreads.get(workerRow).push(other / OPS / 1000);
      }
    }
    return ns;
  };

  let sink = 0;
  const steps = [
    ['stand-in req/res alone (subtracted from the next rows)', whole(null)],
    ['app thread, all: worker (the default)', whole(withWorker, 'other threads (the worker): worker (the default)')],
    ['app thread, all: worker false', whole(inThread)],
    ['app thread, all: not captured (queue down, buffer full)', whole(refusing)],
    ...(before ? [['before: app thread, all (SDK in the worker)', whole(oldInstance, 'before: other threads (the worker)')], ['before: app thread, all: not captured', whole(oldRefusing)]] : []),
    ['pino-http, app thread', whole(logger)],
    ['snapshot (app thread)', () => {
      for (let i = 0; i < OPS; i += 1) {
        const c = now[i % now.length];
        sink += snapshot(c.req, c.res, c, c.opts).status;
      }
    }],
    [`hand-off, ${HANDOFF_RECORDS} per postMessage (app thread)`, () => {
      // Distinct snapshots, as in a real batch (the same object twice in one message would be
      // serialised once); made before the clock starts.
      const batches = [];
      for (let i = 0; i < OPS; i += HANDOFF_RECORDS) {
        const batch = [];
        for (let j = 0; j < HANDOFF_RECORDS; j += 1) {
          const c = now[(i + j) % now.length];
          batch.push(snapshot(c.req, c.res, c, c.opts));
        }
        batches.push(batch);
      }
      const start = threadCpuNs();
      for (const snapshots of batches) postSnapshots(worker, snapshots); // as the middleware hands them over (bodies transferred)
      return threadCpuNs() - start;
    }],
    ['record: build and redact (worker)', () => {
      for (let i = 0; i < OPS; i += 1) sink += buildRecord(raws[i % raws.length], config).v;
    }],
    ['serialise (worker)', () => {
      const records = raws.map((raw) => buildRecord(raw, config));
      const start = threadCpuNs();
      for (let i = 0; i < OPS; i += 1) sink += serialize(records[i % records.length]).length;
      return threadCpuNs() - start;
    }],
    ['serialise, pack and send via the SDK (worker)', sentVia(client)],
    ['before: serialise, pack and send via the SDK, its default JSON codec', sentVia(defaultClient)],
    ...(before && before.raws ? [['before: record: build and redact (worker)', () => {
      for (let i = 0; i < OPS; i += 1) sink += before.buildRecord(before.raws[i % before.raws.length], before.config).v;
    }]] : []),
    ...(before && !before.raws ? [['before: record + serialise (app thread)', () => {
      for (let i = 0; i < OPS; i += 1) {
        const c = before.captures[i % before.captures.length];
        sink += before.serialize(before.buildRecord(c.req, c.res, c, c.opts)).length;
      }
    }]] : []),
  ].filter(([name], i) => i === 0 || !ONLY || ONLY.test(name));
  for (const [, run] of steps) await run(); // warm-up: JIT
  const results = new Map(steps.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, run] of round % 2 ? [...steps].reverse() : steps) {
      const start = threadCpuNs();
      const inner = await run();
      const ns = typeof inner === 'number' ? inner : threadCpuNs() - start;
      results.get(name).push(ns / OPS / 1000);
    }
  }
  await worker.terminate();
  await Promise.all([withWorker.close(30000), inThread.close(1000), refusing.close(10), oldInstance && oldInstance.close(30000), oldRefusing && oldRefusing.close(10)]);
  client.destroy();
  sdkDefault.destroy();
  stub.stop();
  workerStub.stop();
  destination.flushSync();
  fs.rmSync(logDir, { recursive: true, force: true });
  console.log(`${ROUNDS} rounds x ${OPS} operations per step, interleaved; median µs of thread CPU per request (min-max of rounds); node ${process.version}`);
  console.log('| step | µs per request | spread |');
  console.log('|---|---:|---|');
  const alone = results.get(steps[0][0]);
  for (const [name, values] of otherThreads) results.set(name, values.slice(-ROUNDS)); // the warm-up's left out
  // Whole-request rows are shown less the stand-ins' own cost, round by round.
  const netOf = (name, values) => (/^(app thread, all|before: app thread, all|pino-http)/.test(name) ? values.map((v, i) => v - alone[i]) : values);
  for (const [name, values] of results) {
    const net = netOf(name, values);
    console.log(`| ${name} | ${median(net).toFixed(2)} | ${Math.min(...net).toFixed(2)}-${Math.max(...net).toFixed(2)} |`);
  }
  // Ratios of steps measured side by side, round by round (each round runs both): what a
  // change saves, less exposed to a machine whose load varies than the figures above.
  const pairs = [
    ['serialise, pack and send via the SDK (worker)', 'before: serialise, pack and send via the SDK, its default JSON codec'],
    ['record: build and redact (worker)', 'before: record: build and redact (worker)'],
    ['app thread, all: worker (the default)', 'before: app thread, all (SDK in the worker)'],
    ['other threads (the worker): worker (the default)', 'before: other threads (the worker)'],
  ];
  for (const [after, beforeName] of pairs) {
    if (!results.has(after) || !results.has(beforeName)) continue;
    const b = netOf(beforeName, results.get(beforeName));
    const ratios = netOf(after, results.get(after)).map((v, i) => v / b[i]);
    console.log(`ratio "${after}" / "${beforeName}": median ${median(ratios).toFixed(3)} (rounds ${ratios.map((r) => r.toFixed(2)).join(' ')})`);
  }
  if (sink === 0) console.log('');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
