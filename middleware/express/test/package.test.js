'use strict';
// The npm package works outside this repository: `npm pack` (prepack) puts a copy of the
// credential list in it, equal to the one source (droplets/contract/credentials.json), the
// packed middleware loads that copy where ../../droplets/ does not exist, and redacts with
// it on a real server; postpack leaves no copy behind in the repository.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { REPOSITORY_FILE } = require('../lib/credentials');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord } = require('./helpers/schema');
const { listen, request } = require('./helpers/http');

const PACKAGE_DIR = path.resolve(__dirname, '..');

function npm(args, cwd) {
  // Under `npm test`, npm_execpath is npm's own CLI script; run directly, npm is on PATH.
  const cli = process.env.npm_execpath;
  const out = cli && cli.endsWith('.js') ? spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' }) : spawnSync('npm', args, { cwd, encoding: 'utf8' });
  assert.equal(out.status, 0, `npm ${args.join(' ')}: ${out.stderr}`);
  return out.stdout;
}

test('the packed package carries the credential list, equal to the source, and redacts with it outside the repository', { timeout: 120000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'droplets-pack-'));
  try {
    // GIVEN the package packed as `npm publish` would
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp], PACKAGE_DIR));
    const files = packed[0].files.map((f) => f.path).sort();

    // THEN it holds the list and the code, and nothing of the tests or scripts
    assert.ok(files.includes('contract/credentials.json'), files.join(', '));
    assert.ok(files.includes('lib/credentials.js') && files.includes('lib/redact.js') && files.includes('index.js'));
    assert.deepEqual(files.filter((f) => f.startsWith('test/') || f.startsWith('scripts/') || f.startsWith('node_modules/')), []);
    // AND postpack removed the copy from the repository
    assert.equal(fs.existsSync(path.join(PACKAGE_DIR, 'contract')), false);

    // WHEN the tarball is unpacked far from the repository
    const tar = spawnSync('tar', ['-xzf', path.join(tmp, packed[0].filename), '-C', tmp], { encoding: 'utf8' });
    assert.equal(tar.status, 0, tar.stderr);
    const installed = path.join(tmp, 'package');
    assert.equal(fs.existsSync(path.resolve(installed, '..', '..', 'droplets', 'contract', 'credentials.json')), false);
    fs.symlinkSync(path.join(PACKAGE_DIR, 'node_modules'), path.join(installed, 'node_modules'), 'dir');

    // THEN its copy is byte for byte the source, and it is the file the packed code loads
    const copy = path.join(installed, 'contract', 'credentials.json');
    assert.ok(fs.readFileSync(copy).equals(fs.readFileSync(REPOSITORY_FILE)), 'the packed list differs from droplets/contract/credentials.json');
    const packedCredentials = require(path.join(installed, 'lib', 'credentials.js'));
    assert.equal(packedCredentials.locate(), copy);
    assert.equal(packedCredentials.credentials().file, copy);

    // AND the packed middleware redacts with it on a real server
    const packedDroplets = require(installed);
    const express = require('express5');
    const sqs = new FakeSqs();
    const mw = packedDroplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: sqs, flushIntervalMs: 10, onError: () => {} });
    const app = express();
    app.use(mw);
    app.use(express.json());
    app.post('/login', (req, res) => res.json({ ok: true }));
    const server = await listen(app);
    try {
      const body = JSON.stringify({ user: 'ada', newPassword: 'hunter2', note: 'key ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' });
      const res = await request(`${server.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body });
      assert.equal(res.status, 200);
    } finally {
      await server.close();
      await mw.close(2000);
    }
    const record = assertValidRecord(sqs.received[0]);
    assert.deepEqual(record.request.body, { user: 'ada', newPassword: '[redacted]', note: 'key [github_token]' });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('without either file the package fails at its first use, naming both places', () => {
  // GIVEN a copy of lib/ alone, with no list beside it and no repository around it
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'droplets-nolist-'));
  try {
    fs.cpSync(path.join(PACKAGE_DIR, 'lib'), path.join(tmp, 'pkg', 'lib'), { recursive: true });
    const { credentials } = require(path.join(tmp, 'pkg', 'lib', 'credentials.js'));
    assert.throws(() => credentials(), /credential list is missing \(looked for .*droplets\/contract\/credentials\.json and .*contract\/credentials\.json\)/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
