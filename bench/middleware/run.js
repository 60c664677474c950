'use strict';
// bench/middleware: the example app (examples/express-app/server.js, started as `npm start`
// would) under autocannon on loopback, in five set-ups measured in one run, interleaved
// over several rounds so that a noisy machine hurts all of them alike:
//
//   off        DROPLETS_QUEUE_URL unset: no middleware
//   moto       the middleware sending to a queue on a moto server (moto shares the CPU)
//   stub       the middleware sending to a minimal local SQS endpoint (the middleware's own
//              cost, without moto's Python work on the same two cores); the SDK in its
//              worker thread (the default)
//   stub-main  the same with the SDK on the main thread (worker: false)
//   refused    the queue endpoint down: a closed port (connections refused)
//   blackhole  the queue endpoint down: accepts connections, never answers (calls hang)
//
// Prints requests/s and latency (median of the rounds) and their ratios to `off`.
// Usage: make setup; cd bench/middleware && npm ci && npm run bench [-- --rounds 6 --duration 3]
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createRequire } = require('node:module');
const autocannon = require('autocannon');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'examples', 'express-app', 'server.js');
const fromMiddleware = createRequire(path.join(ROOT, 'middleware', 'express', 'index.js'));
const { SQSClient, CreateQueueCommand } = fromMiddleware('@aws-sdk/client-sqs');
const { startMoto } = fromMiddleware('./test/helpers/moto');

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const ROUNDS = Number(args.rounds || 6);
const DURATION = Number(args.duration || 3);
const CONNECTIONS = Number(args.connections || 10);
const CREDENTIALS = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };

// CPU seconds (user + system) a process has used so far, from /proc (Linux).
const CLK_TCK = 100;
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

/** The minimal SQS endpoint of sqs-stub.js, in its own process. */
async function startStub() {
  const child = spawn(process.execPath, [path.join(__dirname, 'sqs-stub.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const port = await new Promise((resolve) => {
    const poll = setInterval(() => {
      const match = /^port (\d+)$/m.exec(out);
      if (match) {
        clearInterval(poll);
        resolve(Number(match[1]));
      }
    }, 20);
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      child.on('exit', () => resolve(Number((/^messages (\d+)$/m.exec(out) || [0, NaN])[1])));
      child.kill('SIGTERM');
    }),
  };
}

/** Accepts TCP connections and never answers. */
async function startBlackhole() {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return { endpoint: `http://127.0.0.1:${port}`, close: () => { sockets.forEach((s) => s.destroy()); server.close(); } };
}

async function closedPort() {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function startApp(name, env) {
  const child = spawn(process.execPath, [SERVER], {
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
    child.on('exit', (code) => reject(new Error(`${name}: server exited ${code}`)));
  });
  const stop = () => new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve((/droplets: .*$/m.exec(out) || ['droplets: off'])[0]));
    child.kill('SIGTERM');
  });
  return { name, url, stop, pid: child.pid };
}

function load(url, duration) {
  const session = { 'x-session-id': 'bench-session-000001' };
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      { method: 'GET', path: '/courses?q=sql', headers: session },
      { method: 'GET', path: '/courses/4', headers: session },
      { method: 'POST', path: '/signup', headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', course_id: 4 }) },
      { method: 'GET', path: '/courses?q=data&limit=5', headers: session },
    ],
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const moto = await startMoto();
  const sqs = new SQSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-events' }));
  const stub = await startStub();
  const blackhole = await startBlackhole();
  const refused = await closedPort();
  const queuePath = '/000000000000/bench-events';

  const apps = [
    startApp('off', {}),
    startApp('moto', { ...CREDENTIALS, DROPLETS_QUEUE_URL: QueueUrl, AWS_ENDPOINT_URL: moto.endpoint }),
    startApp('stub', { ...CREDENTIALS, DROPLETS_QUEUE_URL: stub.endpoint + queuePath, AWS_ENDPOINT_URL: stub.endpoint }),
    startApp('stub-main', { ...CREDENTIALS, DROPLETS_QUEUE_URL: stub.endpoint + queuePath, AWS_ENDPOINT_URL: stub.endpoint, DROPLETS_SQS_WORKER: 'false' }),
    startApp('refused', { ...CREDENTIALS, DROPLETS_QUEUE_URL: refused + queuePath, AWS_ENDPOINT_URL: refused }),
    startApp('blackhole', { ...CREDENTIALS, DROPLETS_QUEUE_URL: blackhole.endpoint + queuePath, AWS_ENDPOINT_URL: blackhole.endpoint }),
  ];
  const urls = await Promise.all(apps.map((a) => a.url));
  const results = Object.fromEntries(apps.map((a) => [a.name, []]));

  for (const url of urls) await load(url, 1); // warm-up: JIT, connections, SDK credentials
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = apps.map((a, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const cpuBefore = cpuSeconds(apps[i].pid);
      const r = await load(urls[i], DURATION);
      const cpu = cpuSeconds(apps[i].pid) - cpuBefore;
      results[apps[i].name].push({ cpuUs: (cpu * 1e6) / r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total });
      process.stderr.write(`round ${round + 1} ${apps[i].name}: ${r.requests.average} req/s, p99 ${r.latency.p99} ms, ${((cpu * 1e6) / r.requests.total).toFixed(0)} µs CPU/request\n`);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // let the last batches leave
    }
  }

  const summaries = [];
  for (const app of apps) summaries.push(await app.stop());
  const stubMessages = await stub.close();
  blackhole.close();
  sqs.destroy();
  await moto.stop();

  const base = results.off;
  const baseRps = median(base.map((r) => r.rps));
  const baseP99 = median(base.map((r) => r.p99));
  const lines = [];
  lines.push(`date: ${new Date().toISOString()}; machine: ${os.cpus().length} CPUs (nproc ${os.availableParallelism?.() ?? os.cpus().length}), ${os.arch()}, ${os.cpus()[0].model}; node ${process.version}`);
  lines.push(`autocannon: ${CONNECTIONS} connections, ${ROUNDS} rounds x ${DURATION} s per set-up, interleaved; median of rounds`);
  lines.push('');
  const baseCpu = median(base.map((r) => r.cpuUs));
  lines.push('| set-up | req/s | ratio to off | p50 ms | p99 ms | p99 ratio to off | app CPU µs/request | ratio to off | errors | non-2xx | middleware at shutdown |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  apps.forEach((app, i) => {
    const rs = results[app.name];
    const rps = median(rs.map((r) => r.rps));
    const p99 = median(rs.map((r) => r.p99));
    const errors = rs.reduce((s, r) => s + r.errors, 0);
    const non2xx = rs.reduce((s, r) => s + r.non2xx, 0);
    const cpuUs = median(rs.map((r) => r.cpuUs));
    lines.push(`| ${app.name} | ${rps.toFixed(0)} | ${(rps / baseRps).toFixed(3)} | ${median(rs.map((r) => r.p50))} | ${p99} | ${(p99 / baseP99).toFixed(2)} | ${cpuUs.toFixed(0)} | ${(cpuUs / baseCpu).toFixed(2)} | ${errors} | ${non2xx} | ${summaries[i].replace('droplets: ', '')} |`);
  });
  lines.push('');
  lines.push(`the stub endpoint received ${stubMessages} messages`);
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
