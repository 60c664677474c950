'use strict';
// The worker's cheaper ways to the same record (lib/record.js, lib/redact.js): the timestamp
// written from a kept prefix, arrays walked by index. Each must give exactly what the plain
// way gave.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { isoTime } = require('../lib/record');
const { Redactor, REDACTED } = require('../lib/redact');

test('isoTime writes what toISOString writes, across seconds, milliseconds and the edges of its range', () => {
  const base = Date.UTC(2026, 11, 31, 23, 59, 59, 0);
  const values = [0, 1, 9, 10, 99, 100, 999, 1000, base - 1, base, base + 1, base + 999, base + 1000, 253402300799999, 946684800000];
  for (let ms = base - 2500; ms < base + 2500; ms += 7) values.push(ms);
  // Outside the kept range: as toISOString writes them (or throws), never from the prefix.
  values.push(253402300800000, 8.64e15, -1, -62198755200000, 1.5, 1000.25);
  for (const ms of values) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
  // Going back to an earlier second (records are built in arrival order, not time order).
  assert.equal(isoTime(base + 1), new Date(base + 1).toISOString());
  assert.equal(isoTime(base - 60000), new Date(base - 60000).toISOString());
  assert.throws(() => isoTime(NaN), RangeError);
});

test('arrays in a body are redacted as objects are: paths through indices, * and **, credential names in elements', () => {
  const redactor = new Redactor(['items.*.ssn', 'lists.1', '**.note', 'matrix.0.1']);
  const body = {
    items: [{ ssn: '1', keep: 1 }, { ssn: null, keep: 2 }, 'password=hunter2', [{ ssn: 'nested' }]],
    lists: ['a', 'b', 'c'],
    matrix: [['x', 'y'], ['z', 'w']],
    deep: [[[{ note: 'n', password: 'p', ok: true, token: false }]]],
    tags: ['sql', 'data', 'api_key=abc'],
  };
  assert.deepEqual(redactor.inPlace(body), {
    items: [{ ssn: REDACTED, keep: 1 }, { ssn: REDACTED, keep: 2 }, `password=${REDACTED}`, [{ ssn: 'nested' }]],
    lists: ['a', REDACTED, 'c'],
    matrix: [['x', REDACTED], ['z', 'w']],
    deep: [[[{ note: REDACTED, password: REDACTED, ok: true, token: false }]]],
    tags: ['sql', 'data', `api_key=${REDACTED}`],
  });
  // A top-level array, and one nested past the walk's depth.
  assert.deepEqual(new Redactor(['0.ssn']).inPlace([{ ssn: 's' }, { ssn: 's' }]), [{ ssn: REDACTED }, { ssn: 's' }]);
  let deep = ['password=x'];
  for (let i = 0; i < 70; i += 1) deep = [deep];
  let at = redactor.inPlace(deep);
  for (let i = 0; i < 64; i += 1) at = at[0];
  assert.equal(at[0], '[droplets: nested too deep]');
});
