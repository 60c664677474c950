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
const { spawn, spawnSync } = require('node:child_process');
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

// --- the packed tarball, installed into an app of its own ------------------------------------

const EXAMPLE_APP = path.resolve(PACKAGE_DIR, '..', '..', 'examples', 'express-app');
const LIB_FILES = fs.readdirSync(path.join(PACKAGE_DIR, 'lib')).filter((f) => f.endsWith('.js')).map((f) => `lib/${f}`);
/** What the tarball holds: the code, its declarations, the credential list, the manifest and the readme. */
const PACKED_FILES = ['README.md', 'contract/credentials.json', 'index.d.ts', 'index.js', ...LIB_FILES, 'package.json'].sort();

function run(command, args, options) {
  const out = spawnSync(command, args, { encoding: 'utf8', ...options });
  assert.equal(out.status, 0, `${command} ${args.join(' ')}: ${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

test('npm pack gives a tarball of only what the package needs; installed into a copy of the example app, it captures the app\'s calls, types included', { timeout: 300000 }, async () => {
  const { startMoto } = require('./helpers/moto');
  const { SQSClient, CreateQueueCommand, ReceiveMessageCommand } = require('@aws-sdk/client-sqs');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'droplets-tarball-'));
  const moto = await startMoto();
  const sqs = new SQSClient({ endpoint: moto.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let app;
  try {
    // GIVEN the package packed as `npm publish` would
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp], PACKAGE_DIR))[0];
    // THEN it holds exactly the code, the declarations, the credential list, the manifest and the readme
    assert.deepEqual(packed.files.map((f) => f.path).sort(), PACKED_FILES);
    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
    assert.equal(manifest.types, 'index.d.ts');
    assert.deepEqual(manifest.publishConfig, { access: 'public' }); // a scoped package is private on npm otherwise
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@aws-sdk/client-sqs', 'cookie']);

    // WHEN a copy of the example app, far from the repository, installs the tarball as an app
    // in another repository would (`npm install <tarball>`, the README's install line)
    const appDir = path.join(tmp, 'courses-api');
    fs.mkdirSync(appDir);
    for (const file of ['app.js', 'courses.js', 'server.js']) fs.copyFileSync(path.join(EXAMPLE_APP, file), path.join(appDir, file));
    const appManifest = JSON.parse(fs.readFileSync(path.join(EXAMPLE_APP, 'package.json'), 'utf8'));
    delete appManifest.dependencies['@droplets/express']; // the repository's file: link, replaced by the tarball
    fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify(appManifest, null, 2));
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(tmp, packed.filename)], appDir);

    // THEN the package is installed from the tarball (a real directory, not a link to the repository)
    const installed = path.join(appDir, 'node_modules', '@droplets', 'express');
    assert.equal(fs.lstatSync(installed).isSymbolicLink(), false);
    assert.match(JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')).dependencies['@droplets/express'], /^file:.*droplets-express-0\.1\.0\.tgz$/);
    assert.equal(fs.existsSync(path.join(installed, 'test')), false);

    // AND a TypeScript file of the app type-checks against its declarations (and a wrong option does not)
    fs.writeFileSync(path.join(appDir, 'typed.ts'), [
      "import droplets = require('@droplets/express');",
      "const capture: droplets.Middleware = droplets({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', service: 'api', onError: (e: droplets.DropletsError) => console.warn(e.code) });",
      'capture.close(1000).then((r: droplets.CloseResult) => console.log(r.sent));',
      '// @ts-expect-error queueUrl is a string',
      'droplets({ queueUrl: 42 });',
      '',
    ].join('\n'));
    const tsc = require.resolve('typescript/bin/tsc');
    run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'commonjs', '--target', 'es2022', '--types', 'node',
      '--typeRoots', path.join(PACKAGE_DIR, 'node_modules', '@types'), 'typed.ts'], { cwd: appDir });

    // AND the app, started with npm start against a queue, captures its calls through the installed package
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `tarball-${process.pid}` }));
    app = spawn('npm', ['start', '--silent'], {
      cwd: appDir,
      env: { PATH: process.env.PATH, HOME: tmp, PORT: '0', DROPLETS_QUEUE_URL: QueueUrl, AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    app.stdout.on('data', (d) => (output += d));
    app.stderr.on('data', (d) => (output += d));
    // 'close': npm and the node process it started have both let go of the output (exit is npm's alone)
    const exited = new Promise((resolve) => app.on('close', resolve));
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the app did not start: ${output}`)), 60000);
      app.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) { clearTimeout(timer); resolve(match[1]); }
      });
      exited.then(() => { clearTimeout(timer); reject(new Error(`the app exited: ${output}`)); });
    });
    const headers = { 'content-type': 'application/json', 'x-session-id': 'tarball-session-0001' };
    assert.equal((await fetch(`${url}/courses?q=sql`, { headers })).status, 200);
    const signup = await fetch(`${url}/signup`, { method: 'POST', headers, body: JSON.stringify({ email: 'ada@example.com', course_id: 4, password: 'hunter2' }) });
    assert.equal(signup.status, 201);
    process.kill(-app.pid, 'SIGTERM');
    await exited;
    assert.match(output, /droplets: flushed=true sent=2 dropped=0 failed=0/);
    const records = [];
    for (let tries = 0; records.length < 2 && tries < 15; tries += 1) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of got.Messages || []) records.push(...m.Body.split('\n').map((line) => assertValidRecord(JSON.parse(line))));
    }
    assert.deepEqual(records.map((r) => `${r.request.method} ${r.request.route} ${r.response.status}`), ['GET /courses 200', 'POST /signup 201']);
    assert.equal(records[1].request.body.password, '[redacted]', 'redacted with the packed credential list');
  } finally {
    if (app && app.exitCode === null && app.signalCode === null) {
      try { process.kill(-app.pid, 'SIGKILL'); } catch { /* gone already */ }
    }
    sqs.destroy();
    await moto.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
