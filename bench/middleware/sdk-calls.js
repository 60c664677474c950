'use strict';
// bench/middleware/sdk-calls.js: what one SendMessageBatch call costs in CPU, by client
// configuration, against the minimal SQS endpoint (sqs-stub.js, its own process).
//
// The batches are real: records the middleware captured from the example app under the bench's
// request mix, serialised as it sends them, 10 per call. Each configuration makes its calls one
// at a time (as the sender mostly does), in blocks interleaved over rounds; the figure is the
// median of the blocks' CPU time (user + system of this process) per call.
//
//   raw HTTP         the same JSON body POSTed with node:http and a keep-alive agent: the
//                    floor, what the HTTP exchange alone costs
//   SDK defaults     SQSClient as constructed plainly, an AbortSignal passed per call (the
//                    main-thread client before this round)
//   cached, MD5      cacheMiddleware, no per-call options, the SDK's MD5 check of bodies
//                    (the worker's client before this round)
//   cached, no MD5   cacheMiddleware and md5: false (both clients now)
// Usage: cd bench/middleware && node sdk-calls.js [rounds]
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');
const os = require('node:os');
const { startStub } = require('./load');

const ROOT = path.resolve(__dirname, '..', '..');
const fromMiddleware = createRequire(path.join(ROOT, 'middleware', 'express', 'index.js'));
const { SQSClient, SendMessageBatchCommand } = fromMiddleware('@aws-sdk/client-sqs');
const droplets = require(path.join(ROOT, 'middleware', 'express'));
const { createApp } = require(path.join(ROOT, 'examples', 'express-app', 'app.js'));

const ROUNDS = Number(process.argv[2] || 8);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // Node 20: one warning per client otherwise
const BLOCK = 300; // calls per block
const CLK_TCK = 100;
const cpuMsOf = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Message bodies as the middleware sends them for the bench's request mix. */
async function capturedBodies() {
  const bodies = [];
  const client = { send: async (command) => {
    bodies.push(...command.input.Entries.map((e) => e.MessageBody));
    return { Successful: command.input.Entries.map((e) => ({ Id: e.Id })), Failed: [] };
  } };
  // pack: false: one record per body, the batches below are 10 records each
  const capture = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client, pack: false, service: 'courses-api', onError: () => {} });
  const server = http.createServer(createApp(capture));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const headers = { 'x-session-id': 'bench-session-000001' };
  for (let i = 0; i < 10; i += 1) {
    await fetch(`${url}/courses?q=sql`, { headers });
    await fetch(`${url}/courses/4`, { headers });
    await fetch(`${url}/signup`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', course_id: 4 }) });
    await fetch(`${url}/courses?q=data&limit=5`, { headers });
  }
  await capture.close(1000);
  server.closeAllConnections();
  server.close();
  return bodies;
}

async function main() {
  const bodies = await capturedBodies();
  const sizes = bodies.map((b) => Buffer.byteLength(b));
  const batches = [];
  for (let i = 0; i + 10 <= bodies.length; i += 10) batches.push(bodies.slice(i, i + 10).map((b, j) => ({ Id: String(j), MessageBody: b })));

  const stub = await startStub();
  const queueUrl = `${stub.endpoint}/000000000000/events`;
  const base = { region: 'us-east-1', endpoint: stub.endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const rawCall = (entries) => new Promise((resolve, reject) => {
    const body = JSON.stringify({ QueueUrl: queueUrl, Entries: entries });
    const req = http.request(`${stub.endpoint}/`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessageBatch', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(body);
  });
  const sdkCall = (client, perCallSignal) => (entries) => {
    const command = new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries });
    return perCallSignal ? client.send(command, { abortSignal: new AbortController().signal }) : client.send(command);
  };
  const clients = [];
  const sdk = (config) => {
    const client = new SQSClient({ ...base, ...config });
    clients.push(client);
    return client;
  };
  const configs = [
    { name: 'raw HTTP (no SDK)', call: rawCall },
    { name: 'SDK defaults, AbortSignal per call', call: sdkCall(sdk({}), true) },
    { name: 'cacheMiddleware, MD5 check', call: sdkCall(sdk({ cacheMiddleware: true }), false) },
    { name: 'cacheMiddleware, md5: false', call: sdkCall(sdk({ cacheMiddleware: true, md5: false }), false) },
  ];
  const block = async (config, n) => {
    for (let i = 0; i < n; i += 1) {
      const out = await config.call(batches[i % batches.length]);
      if ((out.Successful || []).length !== 10) throw new Error(`${config.name}: ${JSON.stringify(out)}`);
    }
  };
  for (const config of configs) {
    config.client = [];
    config.stub = [];
    await block(config, 200); // warm-up
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const config of round % 2 ? [...configs].reverse() : configs) {
      const stubBefore = cpuMsOf(stub.pid);
      const before = process.cpuUsage();
      await block(config, BLOCK);
      const used = process.cpuUsage(before);
      config.client.push((used.user + used.system) / BLOCK);
      config.stub.push(((cpuMsOf(stub.pid) - stubBefore) * 1000) / BLOCK);
    }
  }
  stub.stop();
  clients.forEach((c) => c.destroy());
  agent.destroy();

  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`date: ${new Date().toISOString()}; ${os.cpus().length} CPUs, ${os.arch()}, ${os.cpus()[0].model}; node ${process.version}`);
  console.log(`records: ${bodies.length} captured, ${avg(sizes).toFixed(0)} bytes on average (${Math.min(...sizes)}-${Math.max(...sizes)}); 10 per call, ${avg(batches.map((b) => b.reduce((s, e) => s + Buffer.byteLength(e.MessageBody), 0))).toFixed(0)} bytes of bodies per call`);
  console.log(`${ROUNDS} rounds x ${BLOCK} calls per configuration, one call at a time, interleaved; medians`);
  console.log('');
  console.log('| client | CPU µs per call | per record | endpoint (stub) CPU µs per call |');
  console.log('|---|---:|---:|---:|');
  for (const config of configs) {
    const cpu = median(config.client);
    console.log(`| ${config.name} | ${cpu.toFixed(0)} | ${(cpu / 10).toFixed(0)} | ${median(config.stub).toFixed(0)} |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
