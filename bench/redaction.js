'use strict';
// bench/redaction.js: the cost of the middleware's redaction per value, on the request's
// thread, before and after it read the credential list (droplets/contract/credentials.json:
// the field word rule at any depth, token formats in every string, name=value pairs).
// "before" is lib/redact.js of a git revision (default dd0cd77, its hard-coded key list and
// default paths), taken with `git show`; "after" is the working tree's. Same process, same
// values, rounds interleaved; medians of the rounds, in µs per call, and their ratio.
// Usage: node bench/redaction.js [revision] [rounds]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const REVISION = process.argv[2] || 'dd0cd77';
const ROUNDS = Number(process.argv[3] || 7);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'droplets-redaction-bench-'));
fs.writeFileSync(path.join(tmp, 'redact.js'), execFileSync('git', ['show', `${REVISION}:middleware/express/lib/redact.js`], { cwd: ROOT }));
const before = require(path.join(tmp, 'redact.js'));
const after = require(path.join(ROOT, 'middleware', 'express', 'lib', 'redact.js'));
fs.rmSync(tmp, { recursive: true, force: true });

const old = new before.Redactor(before.DEFAULT_REDACT_PATHS);
const oldText = before.textMasker(old);
const now = new after.Redactor([]);

const signup = { email: 'ada@example.com', course_id: 4, password: 'hunter2', card: { number: '4111111111111111' } };
const query = { q: 'sql', limit: '5', page: '2' };
const courses = {
  total: 40,
  results: Array.from({ length: 40 }, (_, i) => ({
    id: i,
    title: `Course ${i}: Event-Driven Architectures on AWS`,
    level: 'intermediate',
    tags: ['aws', 'sqs', 'lambda'],
    price: 49.5,
    instructor: { name: 'Jane Doe', bio: 'Builds data lakes for startups since 2015.' },
  })),
};
const text = JSON.stringify(courses); // a JSON body cut at the cap is redacted as text
const referer = 'https://app.example.com/courses?q=sql&utm_source=newsletter';

const CASES = [
  ['request body copy (signup, 4 fields)', () => old.copy(signup), () => now.copy(signup), 200000],
  ['query copy (3 parameters)', () => old.copy(query), () => now.copy(query), 200000],
  [`response body in place (course list, ${text.length} B of JSON)`, () => old.inPlace(JSON.parse(text)), () => now.inPlace(JSON.parse(text)), 4000],
  [`text body (the same ${text.length} B as text)`, () => oldText(text), () => now.text(text), 4000],
  ['a header value (referer)', () => referer, () => now.text(referer), 200000],
];

function perCall(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn();
  return Number(process.hrtime.bigint() - start) / n / 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = CASES.map(() => ({ before: [], after: [] }));
for (const [, a, b, n] of CASES) {
  perCall(a, n / 10); // warm-up
  perCall(b, n / 10);
}
for (let round = 0; round < ROUNDS; round += 1) {
  CASES.forEach(([, a, b, n], i) => {
    results[i].before.push(perCall(a, n));
    results[i].after.push(perCall(b, n));
  });
}
console.log(`Node ${process.version}; before = ${REVISION}; ${ROUNDS} rounds, medians`);
console.log('| value | before µs | after µs | ratio |');
console.log('|---|---:|---:|---:|');
CASES.forEach(([name], i) => {
  const b = median(results[i].before);
  const a = median(results[i].after);
  console.log(`| ${name} | ${b < 0.01 ? '(none)' : b.toFixed(2)} | ${a.toFixed(2)} | ${b < 0.01 ? '' : (a / b).toFixed(2)} |`);
});
