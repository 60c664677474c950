'use strict';
// bench/middleware: the example app (examples/express-app/server.js, started as `npm start`
// would) under autocannon on loopback, in two groups of set-ups measured in one run,
// interleaved over several rounds so that a noisy machine hurts all of them alike.
//
// The CPU-bound app: the example as it is, an in-memory catalogue, all CPU.
//   off        DROPLETS_QUEUE_URL unset: no middleware
//   moto       only with --moto: the middleware sending to a queue on a moto server. Moto takes
//              about 160 messages/s, so after each of its rounds the app's full buffer drains
//              for half a minute, in the background of the set-ups measured next: use it alone.
//   stub       the middleware sending to a minimal local SQS endpoint (sqs-stub.js, its own
//              process), SDK in the middleware's worker thread (the default)
//   stub-main  the same with the SDK on the main thread (worker: false)
//   pino       the yardstick: no droplets, pino-http logging every request to a file as pino
//              documents for production (pino-server.js: asynchronous destination)
//   refused    the queue endpoint down: a closed port (connections refused)
//   blackhole  the queue endpoint down: accepts connections, never answers (calls hang)
// The I/O-bound app: the same with SIMULATED_DB_MS, each API call waiting as for a database
// query, as most APIs do; one group per wait (default 2 and 10 ms), ratios to its own `off`.
//   db2-off, db2-pino, db2-stub, db2-stub-main, db2-blackhole   as above (blackhole for the first wait only)
//   db10-off, db10-pino, db10-stub, db10-stub-main
// With --before DIR, DIR/server.js is another copy of the example app whose @droplets/express
// is an earlier version of the middleware: set-ups stub-before, refused-before, blackhole-before
// and their db<ms>- twins run it, so that before and after are measured in the same run.
//
// Per set-up: requests/s, p50/p99 latency, the app's CPU per request (user + system of all
// its threads, from /proc; also split into the main thread, where requests are served, and
// the other threads: the SDK's worker and V8's GC helpers), the CPU per request of the stub
// endpoint (its own process, but on the same two cores), and the records per SendMessageBatch
// call the stub received. Medians of the rounds; ratios to the group's `off`, and the app's
// CPU per request as a multiple of the group's pino-http set-up.
// Usage: make setup; cd bench/middleware && npm ci && npm run bench [-- --rounds 8 --duration 3 --warmup 3 --db-ms 2,10 --moto
//        --only off,pino,stub (set-up names without the db prefix) --before DIR]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createRequire } = require('node:module');
const { load: loadApp, startStub, startBlackhole } = require('./load');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'examples', 'express-app', 'server.js');
const PINO_SERVER = path.join(__dirname, 'pino-server.js');
const fromMiddleware = createRequire(path.join(ROOT, 'middleware', 'express', 'index.js'));
const { SQSClient, CreateQueueCommand } = fromMiddleware('@aws-sdk/client-sqs');
const { startMoto } = fromMiddleware('./test/helpers/moto');
const { closedPort } = fromMiddleware('./test/helpers/queue-front');

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => {
  const [name, value = true] = a.trim().split(/\s+/);
  return [name, value];
}));
const WITH_MOTO = args.moto === true;
const ROUNDS = Number(args.rounds || 8);
const DURATION = Number(args.duration || 3);
// Seconds of load per set-up before the first round: the JIT (the AWS SDK's code in the worker
// included) and the connections warm up. On a loaded machine a set-up serves few requests a
// second, and one-off costs must not count as costs per request.
const WARMUP = Number(args.warmup || 3);
const CONNECTIONS = Number(args.connections || 10);
const DB_MS = args['db-ms'] === 'none' ? [] : String(args['db-ms'] ?? '2,10').split(',').filter(Boolean).map(Number);
const ONLY = args.only ? new Set(String(args.only).split(',')) : null;
const BEFORE = args.before ? path.join(path.resolve(String(args.before)), 'server.js') : null;
const CREDENTIALS = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };
const QUEUE_PATH = '/000000000000/bench-events';

// CPU milliseconds (user + system) used so far by each thread of a process, from /proc (Linux).
const CLK_TCK = 100;
function threadCpuMs(pid) {
  const threads = {};
  let names = [];
  try {
    names = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of names) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      threads[tid] = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return threads;
}

/** CPU used between two threadCpuMs() readings: {main, other} in ms. */
function cpuBetween(pid, before, after) {
  let main = 0;
  let other = 0;
  for (const [tid, ms] of Object.entries(after)) {
    const used = ms - (before[tid] || 0);
    if (tid === String(pid)) main += used;
    else other += used;
  }
  return { main, other };
}

function startApp(setup, env) {
  const child = spawn(process.execPath, [setup.server || SERVER], {
    env: { PATH: process.env.PATH, PORT: '0', NODE_ENV: 'production', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const match = /^listening on (\S+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`${setup.name}: server exited ${code}`)));
  });
  const stop = () => new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve((/^(?:droplets|pino-http): .*$/m.exec(out) || ['off'])[0]));
    child.kill('SIGTERM');
  });
  return { ...setup, url, stop, pid: child.pid, runs: [] };
}

const load = (url, duration) => loadApp(url, duration, CONNECTIONS);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.round(q * (xs.length - 1))))];

/** A ratio measured round by round (each round runs every set-up once, interleaved): the
 * median of the rounds' ratios and their interquartile range, which is the spread to read. */
function pairedRatio(app, base, key) {
  const ratios = app.runs.map((r, i) => r[key] / base.runs[i][key]);
  const f = (x) => x.toFixed(2);
  return `${f(median(ratios))} (${f(quantile(ratios, 0.25))}-${f(quantile(ratios, 0.75))})`;
}

function table(apps, summaries, stubCounts) {
  const base = apps.find((a) => a.name.endsWith('off'));
  const pino = apps.find((a) => a.name.endsWith('pino'));
  const m = (app, key) => median(app.runs.map((r) => r[key]));
  const lines = [
    '| set-up | req/s | ratio to off | p50 ms | p99 ms | p99 ratio to off | app CPU µs/request | ratio to off | ratio to pino-http | main thread µs | main ratio to pino-http | other threads µs | stub CPU µs/request | records per call | at shutdown |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const app of apps) {
    const errors = app.runs.reduce((s, r) => s + r.errors + r.non2xx, 0);
    const stub = stubCounts.get(app.name);
    const cells = [
      app.name,
      m(app, 'rps').toFixed(0),
      pairedRatio(app, base, 'rps'),
      m(app, 'p50'),
      m(app, 'p99'),
      (m(app, 'p99') / m(base, 'p99')).toFixed(2),
      m(app, 'cpuUs').toFixed(0),
      pairedRatio(app, base, 'cpuUs'),
      pino ? pairedRatio(app, pino, 'cpuUs') : '',
      m(app, 'mainUs').toFixed(0),
      pino ? pairedRatio(app, pino, 'mainUs') : '',
      m(app, 'otherUs').toFixed(0),
      stub ? m(app, 'stubUs').toFixed(0) : '',
      stub ? (stub.records / stub.calls).toFixed(2) : '',
      summaries.get(app.name).replace('droplets: ', '') + (errors ? `; ${errors} errors/non-2xx` : ''),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main() {
  const moto = WITH_MOTO ? await startMoto() : null;
  const sqs = moto && new SQSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const QueueUrl = moto && (await sqs.send(new CreateQueueCommand({ QueueName: 'bench-events' }))).QueueUrl;
  const blackhole = await startBlackhole();
  const refused = await closedPort();
  const stubs = new Map(); // set-up name -> its own stub, so that its CPU and calls are that set-up's

  const queueEnv = async (name, queue) => {
    if (queue === 'moto') return { ...CREDENTIALS, DROPLETS_QUEUE_URL: QueueUrl, AWS_ENDPOINT_URL: moto.endpoint };
    let endpoint;
    if (queue === 'stub') {
      const stub = await startStub();
      stubs.set(name, stub);
      endpoint = stub.endpoint;
    } else {
      endpoint = queue === 'refused' ? refused : blackhole.endpoint;
    }
    return { ...CREDENTIALS, DROPLETS_QUEUE_URL: endpoint + QUEUE_PATH, AWS_ENDPOINT_URL: endpoint };
  };
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pino-'));
  const group = (name, dbMs) => [
    { name: 'off' },
    { name: 'pino', server: PINO_SERVER },
    ...(WITH_MOTO && !dbMs ? [{ name: 'moto', queue: 'moto' }] : []),
    { name: 'stub', queue: 'stub' },
    ...(BEFORE ? [{ name: 'stub-before', queue: 'stub', server: BEFORE }] : []),
    { name: 'stub-main', queue: 'stub', main: true },
    ...(!dbMs ? [{ name: 'refused', queue: 'refused' }] : []),
    ...(!dbMs && BEFORE ? [{ name: 'refused-before', queue: 'refused', server: BEFORE }] : []),
    ...(!dbMs || dbMs === DB_MS[0] ? [{ name: 'blackhole', queue: 'blackhole' }] : []),
    ...((!dbMs || dbMs === DB_MS[0]) && BEFORE ? [{ name: 'blackhole-before', queue: 'blackhole', server: BEFORE }] : []),
  ].filter((s) => !ONLY || ONLY.has(s.name) || s.name === 'off')
    .map((s) => ({ ...s, group: name, dbMs, short: s.name, name: dbMs ? `db${dbMs}-${s.name}` : s.name }));
  const SETUPS = [...group('cpu', 0), ...DB_MS.flatMap((ms) => group(`db${ms}`, ms))];
  const apps = [];
  for (const setup of SETUPS) {
    const env = {
      ...(setup.server === PINO_SERVER ? { PINO_LOG_FILE: path.join(logDir, `${setup.name}.log`) } : {}),
      ...(setup.queue ? await queueEnv(setup.name, setup.queue) : {}),
      ...(setup.main ? { DROPLETS_SQS_WORKER: 'false' } : {}),
      ...(setup.dbMs ? { SIMULATED_DB_MS: String(setup.dbMs) } : {}),
    };
    apps.push(startApp(setup, env));
  }
  const urls = await Promise.all(apps.map((a) => a.url));

  for (const url of urls) await load(url, WARMUP); // warm-up: JIT, connections, SDK credentials
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = apps.map((a, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const app = apps[i];
      const stub = stubs.get(app.name);
      const before = threadCpuMs(app.pid);
      const stubBefore = stub ? threadCpuMs(stub.pid) : {};
      const r = await load(urls[i], DURATION);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the last batches leave, their CPU counts
      const cpu = cpuBetween(app.pid, before, threadCpuMs(app.pid));
      const stubCpu = stub ? cpuBetween(stub.pid, stubBefore, threadCpuMs(stub.pid)) : { main: 0, other: 0 };
      const perRequest = (ms) => (ms * 1000) / r.requests.total;
      app.runs.push({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        cpuUs: perRequest(cpu.main + cpu.other),
        mainUs: perRequest(cpu.main),
        otherUs: perRequest(cpu.other),
        stubUs: perRequest(stubCpu.main + stubCpu.other),
      });
      process.stderr.write(`round ${round + 1} ${app.name}: ${r.requests.average} req/s, p99 ${r.latency.p99} ms, ${perRequest(cpu.main + cpu.other).toFixed(0)} µs CPU/request\n`);
    }
  }

  const summaries = new Map();
  for (const app of apps) summaries.set(app.name, await app.stop());
  const stubCounts = new Map();
  for (const [name, stub] of stubs) stubCounts.set(name, await stub.close());
  blackhole.close();
  fs.rmSync(logDir, { recursive: true, force: true });
  if (moto) {
    sqs.destroy();
    await moto.stop();
  }

  const cpuModel = os.cpus()[0].model;
  console.log(`date: ${new Date().toISOString()}; machine: nproc ${os.availableParallelism?.() ?? os.cpus().length}, ${os.arch()}, ${cpuModel}; node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP} s of warm-up then ${ROUNDS} rounds x ${DURATION} s per set-up, interleaved; medians of rounds; a ratio is the median of the rounds' ratios (each round runs every set-up once), with their interquartile range`);
  console.log('\nCPU-bound app (in-memory catalogue):\n');
  console.log(table(apps.filter((a) => a.group === 'cpu'), summaries, stubCounts));
  for (const ms of DB_MS) {
    console.log(`\nI/O-bound app (SIMULATED_DB_MS=${ms}):\n`);
    console.log(table(apps.filter((a) => a.group === `db${ms}`), summaries, stubCounts));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
