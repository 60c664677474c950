'use strict';
// What the scripts of bench/middleware share: the load every set-up gets (run.js,
// profile.js: autocannon on the example app's four calls, one session, a JSON sign-up among
// them), and the minimal SQS endpoint they send to (sqs-stub.js, in its own process).
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const autocannon = require('autocannon');

function load(url, duration, connections = 10) {
  const session = { 'x-session-id': 'bench-session-000001' };
  return autocannon({
    url,
    connections,
    duration,
    requests: [
      { method: 'GET', path: '/courses?q=sql', headers: session },
      { method: 'GET', path: '/courses/4', headers: session },
      { method: 'POST', path: '/signup', headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', course_id: 4 }) },
      { method: 'GET', path: '/courses?q=data&limit=5', headers: session },
    ],
  });
}

/**
 * Start sqs-stub.js. `stop()` ends it; `close()` ends it and resolves to the calls, messages
 * and records it received.
 */
async function startStub() {
  const child = spawn(process.execPath, [path.join(__dirname, 'sqs-stub.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  while (!/^port (\d+)$/m.test(out)) await new Promise((resolve) => setTimeout(resolve, 20));
  process.on('exit', () => child.kill('SIGTERM')); // also when the script fails
  const count = (name) => Number((new RegExp(`^${name} (\\d+)$`, 'm').exec(out) || [0, NaN])[1]);
  return {
    endpoint: `http://127.0.0.1:${/^port (\d+)$/m.exec(out)[1]}`,
    pid: child.pid,
    stop: () => child.kill('SIGTERM'),
    close: () => new Promise((resolve) => {
      child.on('exit', () => resolve({ calls: count('calls'), messages: count('messages'), records: count('records') }));
      child.kill('SIGTERM');
    }),
  };
}

/** A queue endpoint that is down but reachable: it accepts connections, reads what it is
 * sent and never answers, so every call hangs until the client's timeout. */
async function startBlackhole() {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, close: () => { sockets.forEach((s) => s.destroy()); server.close(); } };
}

module.exports = { load, startStub, startBlackhole };
