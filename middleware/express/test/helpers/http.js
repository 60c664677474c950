'use strict';
// Real servers on 127.0.0.1, port 0 (other suites run at the same time), and small clients.
const http = require('node:http');

const EXPRESS_VERSIONS = [
  ['express 4', require('express4')],
  ['express 5', require('express5')],
];

async function listen(app) {
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

/** Raw request with node:http (fetch hides too much): resolves {status, headers, body: Buffer}. */
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Wait until `predicate()` is truthy, polling; rejects after `timeoutMs`. */
async function waitFor(predicate, timeoutMs = 5000, what = 'condition') {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

module.exports = { EXPRESS_VERSIONS, listen, request, waitFor };
