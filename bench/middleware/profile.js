'use strict';
// bench/middleware/profile.js: one set-up of run.js under autocannon with V8's sampling
// profiler on (`node --cpu-prof`: one .cpuprofile per thread, the middleware's worker
// included), so that the cost of a set-up under load can be split by function and by
// package, per request (profile-summary.js reads what this writes).
//
//   off        no middleware            stub     droplets, sending to sqs-stub.js (its own process)
//   pino       pino-server.js           refused  droplets, the queue endpoint a closed port
//   stub-main  droplets, worker: false  blackhole  droplets, the queue endpoint accepts
//                                                   connections and never answers (calls hang)
//
// After --warmup s of load, a window of --duration s is measured: its requests, its start and
// end on the monotonic clock (the clock of the profiles' timestamps, so that the summary counts
// only the samples inside it), and the CPU of each of the app's threads in it, by thread name
// (/proc: the main thread, the worker, V8's helper threads, libuv's pool). With --trace-gc the
// app runs with `node --trace-gc` instead of the profiler, and the GC events of the window are
// counted per thread (isolate).
// Writes DIR/<set-up>/window.json (and the profiles, or gc.log).
// Usage: node profile.js --setup stub [--duration 10] [--warmup 3] [--db-ms 0] [--interval 500]
//        [--trace-gc] [--server PATH: another copy of server.js, e.g. the --before copy of run.js]
//        [--out DIR (default /tmp/droplets-profile)]
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { load: loadApp, startStub, startBlackhole } = require('./load');
const { closedPort } = require('../../middleware/express/test/helpers/queue-front');

const ROOT = path.resolve(__dirname, '..', '..');
const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => {
  const [name, value = true] = a.trim().split(/\s+/);
  return [name, value];
}));
const SETUP = String(args.setup || 'stub');
const DURATION = Number(args.duration || 10);
const WARMUP = Number(args.warmup || 3);
const DB_MS = Number(args['db-ms'] || 0);
const INTERVAL = Number(args.interval || 500);
const TRACE_GC = args['trace-gc'] === true;
// --perf: no V8 profiler; Linux perf samples the app's threads on the CPU (cpu-clock, call
// graphs) during the window, JavaScript frames named through --perf-basic-prof.
const PERF = args.perf === true;
const OUT = path.resolve(String(args.out || '/tmp/droplets-profile'), args.name ? String(args.name) : SETUP);
const SERVER = args.server ? path.resolve(String(args.server)) : SETUP === 'pino' ? path.join(__dirname, 'pino-server.js') : path.join(ROOT, 'examples', 'express-app', 'server.js');
const CREDENTIALS = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };
const QUEUE_PATH = '/000000000000/bench-events';
const CLK_TCK = 100;

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** CPU ms (user + system) of each thread of `pid`, with its name: {tid: {name, ms}}. */
function threads(pid) {
  const out = {};
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out[tid] = { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK };
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

const load = (url, duration) => loadApp(url, duration, Number(args.connections || 10));

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  let stub = null;
  let blackhole = null;
  const env = { PATH: process.env.PATH, PORT: '0', NODE_ENV: 'production', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  if (DB_MS) env.SIMULATED_DB_MS = String(DB_MS);
  if (SETUP === 'pino') env.PINO_LOG_FILE = path.join(OUT, 'pino.log');
  if (SETUP.startsWith('stub') || SETUP === 'refused' || SETUP === 'blackhole') {
    let endpoint;
    if (SETUP === 'refused') endpoint = await closedPort();
    else if (SETUP === 'blackhole') {
      blackhole = await startBlackhole();
      endpoint = blackhole.endpoint;
    } else {
      stub = await startStub();
      endpoint = stub.endpoint;
    }
    Object.assign(env, CREDENTIALS, { DROPLETS_QUEUE_URL: endpoint + QUEUE_PATH, AWS_ENDPOINT_URL: endpoint });
    if (SETUP === 'stub-main') env.DROPLETS_SQS_WORKER = 'false';
  }
  const flags = TRACE_GC ? ['--trace-gc'] : PERF ? ['--perf-basic-prof', '--interpreted-frames-native-stack'] : ['--cpu-prof', `--cpu-prof-dir=${OUT}`, `--cpu-prof-interval=${INTERVAL}`];
  // cwd: the run's directory, where V8 leaves the logs --perf-basic-prof writes beside the map
  const child = spawn(process.execPath, [...flags, SERVER], { env, cwd: OUT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const match = /^listening on (\S+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  await load(url, WARMUP);
  const gcFrom = out.length;
  const perf = PERF ? spawn('perf', ['record', '-q', '-F', '997', '-g', '-p', String(child.pid), '-o', path.join(OUT, 'perf.data')], { stdio: 'inherit' }) : null;
  if (perf) await new Promise((resolve) => setTimeout(resolve, 300));
  const before = threads(child.pid);
  const startUs = nowUs();
  const r = await load(url, DURATION);
  const endUs = nowUs();
  if (perf) {
    const done = new Promise((resolve) => perf.on('exit', resolve));
    perf.kill('SIGINT');
    await done;
  }
  const after = threads(child.pid);
  const gcTo = out.length;
  const cpu = {};
  for (const [tid, { name, ms }] of Object.entries(after)) {
    const key = tid === String(child.pid) ? 'main' : `${name}:${tid}`;
    const used = ms - (before[tid] ? before[tid].ms : 0);
    if (used > 0) cpu[key] = used;
  }
  const exited = new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
  });
  child.kill('SIGTERM');
  await exited;
  if (stub) stub.stop();
  if (blackhole) blackhole.close();
  if (TRACE_GC) fs.writeFileSync(path.join(OUT, 'gc.log'), out.slice(gcFrom, gcTo));
  const window = { setup: SETUP, server: SERVER, dbMs: DB_MS, intervalUs: INTERVAL, startUs, endUs, requests: r.requests.total, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, cpuMs: cpu, shutdown: (/^(?:droplets|pino-http): .*$/m.exec(out) || [''])[0] };
  fs.writeFileSync(path.join(OUT, 'window.json'), JSON.stringify(window, null, 2));
  const perReq = (ms) => ((ms * 1000) / r.requests.total).toFixed(0);
  console.log(`${SETUP}: ${r.requests.total} requests in ${DURATION} s (${r.requests.average} req/s), p99 ${r.latency.p99} ms; CPU µs/request by thread: ${Object.entries(cpu).map(([k, v]) => `${k} ${perReq(v)}`).join(', ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
