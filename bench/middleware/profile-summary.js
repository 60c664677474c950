'use strict';
// bench/middleware/profile-summary.js: what profile.js recorded, as µs per request of the
// measured window, side by side for several set-ups (one column each).
//
// For each thread (main; worker: the middleware's worker thread, when there is one):
//   - by package: each sample's time goes to the package of its innermost frame that is not
//     Node's own code or a V8 builtin (so a Buffer copy or a postMessage that droplets calls is
//     droplets', the same call made by Express is Express's); droplets is split by file;
//     "(garbage collector)", "(program)" (V8 outside JavaScript: the parser, the compiler, the
//     event loop's C++) and "(idle)" as V8 names them;
//   - the top functions by self time (the innermost frame, whatever its package).
// Only samples inside the window are counted (timestamps of the monotonic clock).
// Usage: node profile-summary.js DIR/off DIR/stub ... [--top 25] [--thread main|worker]
const fs = require('node:fs');
const path = require('node:path');

const argv = process.argv.slice(2);
const TOP = Number(argv.includes('--top') ? argv[argv.indexOf('--top') + 1] : 25);
const ONLY_THREAD = argv.includes('--thread') ? argv[argv.indexOf('--thread') + 1] : null;
const dirs = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--')));

function packageOf(url) {
  if (!url) return null;
  if (url.startsWith('node:')) return null;
  const mw = /middleware\/express\/(index\.js|lib\/[\w-]+\.js)$/.exec(url);
  if (mw && !url.includes('node_modules/@droplets')) return `droplets ${mw[1].replace('lib/', '')}`;
  if (mw) return `droplets ${mw[1].replace('lib/', '')}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    if (name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') || name.startsWith('@aws-crypto/')) return 'aws-sdk (@aws-sdk, @smithy)';
    return name;
  }
  if (url.includes('examples/express-app/')) return 'the app';
  if (url.includes('bench/middleware/')) return 'bench';
  return url;
}

function load(file, window) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  // The package a sample is charged to, per leaf node (cached).
  const charged = new Map();
  const chargeOf = (id) => {
    if (charged.has(id)) return charged.get(id);
    const frame = nodes.get(id).callFrame;
    let result;
    if (frame.functionName.startsWith('(') && !frame.url) result = frame.functionName;
    else {
      let at = id;
      result = null;
      while (at !== undefined && result === null) {
        const f = nodes.get(at).callFrame;
        result = packageOf(f.url);
        if (f.functionName === '(root)') break;
        at = parent.get(at);
      }
      if (result === null) result = 'node (no package on the stack)';
    }
    charged.set(id, result);
    return result;
  };
  const byPackage = new Map();
  const byFunction = new Map();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (t < window.startUs || t >= window.endUs) continue;
    const id = profile.samples[i];
    total += next;
    const pkg = chargeOf(id);
    byPackage.set(pkg, (byPackage.get(pkg) || 0) + next);
    const f = nodes.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) || 0) + next);
  }
  return { byPackage, byFunction, total, covered: total / (window.endUs - window.startUs) };
}

const runs = dirs.map((dir) => {
  const window = JSON.parse(fs.readFileSync(path.join(dir, 'window.json'), 'utf8'));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const threads = {};
  for (const file of files) {
    const tid = Number(file.split('.')[4]);
    const name = tid === 0 ? 'main' : 'worker';
    const p = load(path.join(dir, file), window);
    if (!threads[name]) threads[name] = p;
    else {
      // a worker started again: add up
      for (const [k, v] of p.byPackage) threads[name].byPackage.set(k, (threads[name].byPackage.get(k) || 0) + v);
      for (const [k, v] of p.byFunction) threads[name].byFunction.set(k, (threads[name].byFunction.get(k) || 0) + v);
      threads[name].total += p.total;
    }
  }
  return { name: path.basename(dir), window, threads };
});

const fmt = (us) => (us === undefined ? '' : us.toFixed(1));
console.log(`| set-up | requests | req/s | ${Object.keys(runs[0].window.cpuMs).length ? 'CPU µs/request by thread (/proc)' : ''} |`);
console.log('|---|---:|---:|---|');
for (const r of runs) {
  const cpu = Object.entries(r.window.cpuMs).filter(([, ms]) => ms > 0).map(([k, ms]) => `${k} ${((ms * 1000) / r.window.requests).toFixed(0)}`).join(', ');
  console.log(`| ${r.name} | ${r.window.requests} | ${r.window.rps.toFixed(0)} | ${cpu} |`);
}
for (const thread of ['main', 'worker']) {
  if (ONLY_THREAD && thread !== ONLY_THREAD) continue;
  const present = runs.filter((r) => r.threads[thread]);
  if (present.length === 0) continue;
  console.log(`\n${thread} thread, profile µs per request by package (self time, Node's code charged to its caller's package):\n`);
  console.log(`| package | ${runs.map((r) => r.name).join(' | ')} |`);
  console.log(`|---|${runs.map(() => '---:').join('|')}|`);
  const keys = new Set();
  for (const r of present) for (const k of r.threads[thread].byPackage.keys()) keys.add(k);
  const rows = [...keys].map((k) => [k, runs.map((r) => (r.threads[thread] ? (r.threads[thread].byPackage.get(k) || 0) / r.window.requests : undefined))]);
  rows.sort((a, b) => Math.max(...b[1].map((x) => x || 0)) - Math.max(...a[1].map((x) => x || 0)));
  for (const [k, values] of rows) {
    if (Math.max(...values.map((x) => x || 0)) < 0.5) continue;
    console.log(`| ${k} | ${values.map(fmt).join(' | ')} |`);
  }
  const totals = runs.map((r) => (r.threads[thread] ? r.threads[thread].total / r.window.requests : undefined));
  const busy = runs.map((r) => (r.threads[thread] ? (r.threads[thread].total - (r.threads[thread].byPackage.get('(idle)') || 0)) / r.window.requests : undefined));
  console.log(`| **all samples** | ${totals.map(fmt).join(' | ')} |`);
  console.log(`| **all but (idle)** | ${busy.map(fmt).join(' | ')} |`);
  for (const r of present) {
    console.log(`\n${thread} thread of ${r.name}, top ${TOP} functions by self time (µs per request):\n`);
    const fns = [...r.threads[thread].byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP);
    for (const [k, v] of fns) console.log(`  ${fmt(v / r.window.requests).padStart(7)}  ${k}`);
  }
}
