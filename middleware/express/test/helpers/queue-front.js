'use strict';
// A TCP front for an SQS endpoint (sqs-endpoint.js) whose state a test switches, to take the
// queue down and bring it back at one address: 'up' passes connections through, 'reset'
// closes each one as it arrives (what a client sees of a queue that is gone), 'blackhole'
// accepts and reads and never answers (calls hang until the client's timeout).
const net = require('node:net');

// The address of a port nothing listens on: a queue endpoint that refuses connections.
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function startQueueFront(target, mode = 'up') {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  const front = { mode };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (front.mode === 'reset') {
      socket.resetAndDestroy();
    } else if (front.mode === 'blackhole') {
      socket.resume();
    } else {
      const upstream = net.connect(Number(port), hostname);
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.endpoint = `http://127.0.0.1:${server.address().port}`;
  front.queueUrl = `${front.endpoint}/000000000000/events`;
  /** Switch mode; connections open from before (kept alive, or hanging) are ended. */
  front.set = (next) => {
    front.mode = next;
    sockets.forEach((s) => s.destroy());
  };
  front.close = () => new Promise((resolve) => {
    sockets.forEach((s) => s.destroy());
    server.close(() => resolve());
  });
  return front;
}

module.exports = { closedPort, startQueueFront };
