'use strict';
// The default client's AWS settings: the region comes from the region option, AWS_REGION or
// the queue URL, and a URL that names none (a local emulator's) without either is a TypeError
// at start-up naming AWS_REGION, not "Region is missing" on every call; missing credentials
// are reported naming the variables to set.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const droplets = require('..');
const { regionOf, resolveRegion } = require('../lib/aws-config');
const { startSqsEndpoint } = require('./helpers/sqs-endpoint');

const LOCAL_URL = 'http://127.0.0.1:4566/123456789012/droplets-dev-events';

test('the region a queue URL names, in every form SQS and LocalStack give', () => {
  const cases = {
    'https://sqs.eu-west-1.amazonaws.com/123456789012/events': 'eu-west-1',
    'https://sqs.us-gov-west-1.amazonaws.com/123456789012/events': 'us-gov-west-1',
    'https://sqs-fips.us-east-2.amazonaws.com/123456789012/events': 'us-east-2',
    'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/events': 'cn-north-1',
    'https://sqs.ap-southeast-3.api.aws/123456789012/events': 'ap-southeast-3',
    'https://vpce-0a1b2c3d4e5f-abcdefgh.sqs.eu-central-1.vpce.amazonaws.com/123456789012/events': 'eu-central-1',
    'https://eu-west-2.queue.amazonaws.com/123456789012/events': 'eu-west-2',
    'https://queue.amazonaws.com/123456789012/events': 'us-east-1',
    'http://sqs.eu-north-1.localhost.localstack.cloud:4566/000000000000/events': 'eu-north-1',
    [LOCAL_URL]: undefined,
    'http://localhost:4566/000000000000/events': undefined,
    'not a url': undefined,
  };
  for (const [url, region] of Object.entries(cases)) assert.equal(regionOf(url), region, url);
});

test('the region option, then AWS_REGION, then the queue URL', () => {
  const aws = 'https://sqs.eu-west-1.amazonaws.com/123456789012/events';
  assert.equal(resolveRegion({ queueUrl: aws, region: 'us-east-1' }, { AWS_REGION: 'ap-south-1' }), 'us-east-1');
  assert.equal(resolveRegion({ queueUrl: aws }, { AWS_REGION: 'ap-south-1' }), 'ap-south-1');
  assert.equal(resolveRegion({ queueUrl: aws }, {}), 'eu-west-1');
  assert.equal(resolveRegion({ queueUrl: LOCAL_URL }, { AWS_REGION: 'eu-west-1' }), 'eu-west-1');
  // an AWS URL without a region in it: the SDK's chain (a profile's region) decides
  assert.equal(resolveRegion({ queueUrl: 'https://sqs.amazonaws.com/1/q' }, {}), undefined);
});

test('a local queue URL without a region fails at start-up, naming AWS_REGION', () => {
  // GIVEN no AWS_REGION in the environment
  const saved = process.env.AWS_REGION;
  delete process.env.AWS_REGION;
  try {
    // WHEN the middleware is made for an emulator's queue URL THEN it throws a TypeError naming the variable
    assert.throws(
      () => droplets({ queueUrl: LOCAL_URL }),
      (err) => err instanceof TypeError && /no AWS region for queue URL http:\/\/127\.0\.0\.1:4566\/.*set AWS_REGION/.test(err.message)
    );
    // AND with the region given, or a client of one's own, it is made
    for (const options of [{ region: 'eu-west-1' }, { client: { send: async () => ({}) } }]) {
      const mw = droplets({ queueUrl: LOCAL_URL, ...options });
      assert.equal(typeof mw, 'function');
      mw.close(100);
    }
  } finally {
    if (saved === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = saved;
  }
});

// Runs in a child process: the SDK reads the environment and ~/.aws once per process.
const NO_CREDENTIALS_APP = `
const droplets = require(${JSON.stringify(path.resolve(__dirname, '..'))});
const express = require(${JSON.stringify(require.resolve('express5'))});
const errors = [];
const mw = droplets({ queueUrl: process.env.QUEUE_URL, worker: process.env.WORKER === 'true', flushIntervalMs: 10,
  maxRetries: 0, onError: (e) => errors.push(e.code + ': ' + e.message) });
const app = express();
app.use(mw);
app.get('/x', (req, res) => res.json({ ok: true }));
const server = app.listen(0, '127.0.0.1', async () => {
  await fetch('http://127.0.0.1:' + server.address().port + '/x');
  server.close();
  await mw.close(5000);
  console.log(JSON.stringify(errors));
});
`;

for (const worker of [true, false]) {
  test(`without credentials the error names the variables to set (SDK ${worker ? 'in a worker thread' : 'on the main thread'})`, { timeout: 60000 }, async () => {
    // GIVEN an app whose environment has a region and an endpoint but no credentials at all
    // (no keys, a HOME without ~/.aws, no instance metadata service to ask)
    const sqs = await startSqsEndpoint();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'droplets-home-'));
    try {
      const child = spawn(process.execPath, ['-e', NO_CREDENTIALS_APP], {
        env: { PATH: process.env.PATH, HOME: home, WORKER: String(worker), QUEUE_URL: sqs.queueUrl, AWS_REGION: 'eu-west-1',
          AWS_ENDPOINT_URL: sqs.endpoint, AWS_EC2_METADATA_DISABLED: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      // WHEN a call is captured and sent THEN the error names the variables, and nothing was sent
      assert.equal(code, 0, err);
      const errors = JSON.parse(out.trim().split('\n').pop());
      assert.ok(errors.length >= 1, out);
      assert.match(errors[0], /no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \(or AWS_PROFILE\)/);
      assert.equal(sqs.state.calls, 0);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
      await sqs.close();
    }
  });
}
