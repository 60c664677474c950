'use strict';
// A moto server (the project's AWS stand-in) on 127.0.0.1 and a free port, run by the
// repository's virtualenv (`make setup` creates it before any test runs). It stops when
// the test process closes its stdin or dies.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./schema');

const PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');
const SCRIPT = `
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
`;

async function startMoto() {
  if (!fs.existsSync(PYTHON)) {
    throw new Error(`${PYTHON} is missing: run \`make setup\` (the moto integration test needs the project's virtualenv)`);
  }
  const child = spawn(PYTHON, ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`moto did not start within 30 s: ${stderr}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(Number(line));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto exited (${code}): ${stderr}`));
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', resolve);
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    }),
  };
}

module.exports = { startMoto };
