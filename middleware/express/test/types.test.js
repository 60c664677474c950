'use strict';
// index.d.ts: a TypeScript program using the middleware compiles, and mistakes in options
// are type errors (the @ts-expect-error lines in types/usage.ts fail the build if not).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

test('index.d.ts type-checks real usage and rejects wrong options', () => {
  const tsc = require.resolve('typescript/bin/tsc');
  const out = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'types', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stdout + out.stderr);
});
