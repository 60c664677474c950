'use strict';
// bench/middleware/paced-cost.js: droplets' CPU per request on each thread at a steady request
// rate, as in the app, without the load generator on the same cores.
//
// capture-cost.js replays requests back to back: its figures are those of warm caches. In the
// app, requests arrive spread out, the worker is woken once per hand-off and each wake-up
// starts with cold caches on both threads; at 3,000 requests/s droplets then costs each thread
// two to three times what the back-to-back replay measures (in stop 29's quiet run.js, +47 µs
// on the main thread and +62 on the others). This script paces the replay: every millisecond
// it runs RATE/1000 requests through droplets (stand-in req/res as in capture-cost.js, made
// from the bench's request mix served once by the example app), its worker sending to
// sqs-stub.js (its own process), and reports per request the CPU of the main thread and of
// the process's other threads (the worker, V8's helpers), counted until every record is sent.
// The same loop without droplets is measured too (`off`): the stand-ins, timers and loop.
//
// Each measurement is a process of its own; set-ups alternate (off, this tree, --before) for
// --pairs rounds; medians and the rounds are printed.
// Usage: node paced-cost.js [--rate 3000] [--duration 5] [--pairs 6] [--before DIR: an earlier
//        copy of examples/express-app, as for run.js]
process.env.AWS_REGION ??= 'us-east-1';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const { OPTIONS, ROOT, captures, discard, standIns } = require('./stand-ins');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i].replace(/^--/, '');
    out[name] = i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[(i += 1)] : true;
  }
  return out;
}

const threadUs = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1000;
const processUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** One measurement, in this process: `middleware` is the package directory, or null for off. */
async function child(middleware, rate, duration) {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  const { startStub } = require('./load');
  const droplets = require(middleware || path.join(ROOT, 'middleware', 'express'));
  const make = standIns(await captures(droplets({ ...OPTIONS, client: discard })), { copyBodies: true });
  const stub = await startStub();
  const mw = middleware === null ? null : droplets({ queueUrl: `${stub.endpoint}/000000000000/events`, endpoint: stub.endpoint, service: 'courses-api', redactPaths: ['card.number'], onError: (e) => console.error(`${e.code}: ${e.message}`) });
  const noop = () => {};
  const drained = async () => {
    if (!mw) return;
    mw.flush();
    while (mw.stats().buffered > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const run = async (seconds) => {
    const perMs = rate / 1000;
    const start = performance.now();
    let i = 0;
    let due = 0;
    while (performance.now() - start < seconds * 1000) {
      due = Math.max(due + perMs, ((performance.now() - start) / 1000) * rate - 5 * perMs); // catch up, but never in a burst
      while (i < due) {
        const { req, res, body } = make(i);
        if (mw) mw(req, res, noop);
        res.end(body);
        res.emit('close');
        i += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return i;
  };
  await run(2); // warm-up: JIT, the worker started, the SDK's connection
  await drained();
  const main0 = threadUs();
  const process0 = processUs();
  const n = await run(duration);
  const main1 = threadUs();
  await drained();
  const other = processUs() - process0 - (threadUs() - main0);
  const stats = mw ? mw.stats() : null;
  const result = { n, rate: n / duration, main: (main1 - main0) / n, other: other / n, sent: stats && stats.sent, dropped: stats && stats.dropped + stats.failed };
  if (mw) await mw.close(5000);
  stub.stop();
  return result;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child !== undefined) {
    const result = await child(args.child === 'off' ? null : String(args.child), Number(args.rate), Number(args.duration));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  }
  const rate = Number(args.rate || 3000);
  const duration = Number(args.duration || 5);
  const pairs = Number(args.pairs || 6);
  const setups = [['off', 'off'], ['droplets', path.join(ROOT, 'middleware', 'express')]];
  if (args.before) setups.push(['before', path.join(path.resolve(String(args.before)), 'node_modules', '@droplets', 'express')]);
  const results = new Map(setups.map(([name]) => [name, []]));
  for (let round = 0; round < pairs; round += 1) {
    for (const [name, dir] of round % 2 ? [...setups].reverse() : setups) {
      const out = execFileSync(process.execPath, [__filename, '--child', dir, '--rate', String(rate), '--duration', String(duration)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      results.get(name).push(JSON.parse(out.trim().split('\n').pop()));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const off = results.get('off');
  console.log(`paced at ${rate} requests/s, ${duration} s per measurement, ${pairs} rounds (set-ups alternating); node ${process.version}; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log('CPU µs per request; "added" is the set-up less `off` in the same round (median of rounds)');
  console.log('| set-up | main thread | added | other threads | added | rounds (main / other) |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const [name, rows] of results) {
    const addedMain = rows.map((r, i) => r.main - off[i].main);
    const addedOther = rows.map((r, i) => r.other - off[i].other);
    console.log(`| ${name} | ${median(rows.map((r) => r.main)).toFixed(1)} | ${name === 'off' ? '' : median(addedMain).toFixed(1)} | ${median(rows.map((r) => r.other)).toFixed(1)} | ${name === 'off' ? '' : median(addedOther).toFixed(1)} | ${rows.map((r) => `${r.main.toFixed(0)}/${r.other.toFixed(0)}`).join(' ')} |`);
  }
  // A round whose worker fell behind (buffer full: records dropped, never built or sent) counts
  // less work than it was given: named, so that its figures are not taken at face value.
  for (const [name, rows] of results) {
    const short = rows.map((r, i) => (r.dropped ? `round ${i + 1}: ${r.dropped} dropped or failed` : null)).filter(Boolean);
    if (short.length) console.log(`warning: ${name}: ${short.join(', ')}`);
  }
  if (results.has('before')) {
    const b = results.get('before');
    const d = results.get('droplets');
    const ratio = (key) => median(d.map((r, i) => (r[key] - off[i][key]) / (b[i][key] - off[i][key])));
    console.log(`added CPU, this tree / before, median of rounds: main thread ${ratio('main').toFixed(3)}, other threads ${ratio('other').toFixed(3)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
