'use strict';
// bench/middleware/own-cost.js: the middleware's own CPU cost per request, without the AWS
// SDK or any endpoint. The example app runs in three processes, driven in turn by autocannon
// (rounds interleaved, medians): without droplets ("off"), with droplets and a client whose
// send() succeeds at once ("capture": capture, record, redaction, serialising, batching),
// and with a buffer that is always full ("full": what a request costs while records are
// being dropped). CPU per request is the app process's user+system time from /proc.
// A client of your own runs the whole pipeline on the app's thread (as `worker: false` does):
// "capture" is that set-up; the default, with the worker thread, is run.js's and
// capture-cost.js's subject.
// Usage: cd bench/middleware && node own-cost.js [rounds]
const fs = require('node:fs');
const path = require('node:path');
const { fork } = require('node:child_process');
const autocannon = require('autocannon');

const ROOT = path.resolve(__dirname, '..', '..');

if (process.argv[2] === 'serve') {
  const http = require('node:http');
  const { createApp } = require(path.join(ROOT, 'examples', 'express-app', 'app.js'));
  const droplets = require(path.join(ROOT, 'middleware', 'express'));
  const mode = process.argv[3];
  const client = { send: async (command) => ({ Successful: command.input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }) };
  const capture = mode === 'off' ? null : droplets({
    queueUrl: 'http://127.0.0.1:9/000000000000/events',
    client,
    onError: () => {},
    ...(mode === 'full' ? { maxBufferRecords: 1, flushIntervalMs: 3600000 } : {}),
  });
  const server = http.createServer(createApp(capture)).listen(0, '127.0.0.1', () => process.send(server.address().port));
  process.on('SIGTERM', () => process.exit(0));
} else {
  const ROUNDS = Number(process.argv[2] || 6);
  const cpuMs = (pid) => {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const session = { 'x-session-id': 'bench-session-000001' };
  const requests = [
    { method: 'GET', path: '/courses?q=sql', headers: session },
    { method: 'GET', path: '/courses/4', headers: session },
    { method: 'POST', path: '/signup', headers: { ...session, 'content-type': 'application/json' }, body: '{"email":"ada@example.com","course_id":4}' },
    { method: 'GET', path: '/courses?q=data&limit=5', headers: session },
  ];
  (async () => {
    const modes = ['off', 'capture', 'full'];
    const apps = {};
    for (const mode of modes) {
      const child = fork(__filename, ['serve', mode]);
      const port = await new Promise((resolve) => child.once('message', resolve));
      apps[mode] = { child, url: `http://127.0.0.1:${port}`, runs: [] };
      await autocannon({ url: apps[mode].url, connections: 10, duration: 1, requests }); // warm-up
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const mode of round % 2 ? [...modes].reverse() : modes) {
        const before = cpuMs(apps[mode].child.pid);
        const r = await autocannon({ url: apps[mode].url, connections: 10, duration: 3, requests });
        apps[mode].runs.push({ rps: r.requests.average, cpuUs: ((cpuMs(apps[mode].child.pid) - before) * 1000) / r.requests.total });
      }
    }
    const base = median(apps.off.runs.map((r) => r.cpuUs));
    const baseRps = median(apps.off.runs.map((r) => r.rps));
    console.log(`${ROUNDS} rounds x 3 s, interleaved; medians`);
    console.log('| set-up | req/s | ratio to off | app CPU µs/request | added by droplets |');
    console.log('|---|---:|---:|---:|---:|');
    for (const mode of modes) {
      const cpu = median(apps[mode].runs.map((r) => r.cpuUs));
      const rps = median(apps[mode].runs.map((r) => r.rps));
      console.log(`| ${mode} | ${rps.toFixed(0)} | ${(rps / baseRps).toFixed(3)} | ${cpu.toFixed(0)} | ${(cpu - base).toFixed(0)} |`);
      apps[mode].child.kill('SIGTERM');
    }
  })();
}
