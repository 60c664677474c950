'use strict';
// The yardstick of bench/middleware: the example app (examples/express-app/app.js, the same
// routes, compression and body parser as `npm start`) with pino-http instead of droplets,
// mounted where droplets is (after compression), logging every request as pino documents
// for production: an asynchronous file destination (sonic-boom, `sync: false`, writes in
// chunks of at least 4 KiB; pino's docs/asynchronous.md), pino-http's default serializers
// (method, URL, query, params, every request header, remote address and port, status,
// every response header, response time).
//   PINO_LOG_FILE     where the log goes (required)
//   PORT, HOST, SIMULATED_DB_MS   as for examples/express-app/server.js
// Prints `listening on http://<host>:<port>` like server.js, and on SIGTERM flushes the
// log and prints `pino-http: <bytes> bytes logged`.
const fs = require('node:fs');
const path = require('node:path');
const pino = require('pino');
const pinoHttp = require('pino-http');

const { createApp } = require(path.join(__dirname, '..', '..', 'examples', 'express-app', 'app.js'));

const file = process.env.PINO_LOG_FILE;
if (!file) {
  console.error('PINO_LOG_FILE must name the log file');
  process.exit(1);
}
const destination = pino.destination({ dest: file, minLength: 4096, sync: false });
const logger = pinoHttp({ logger: pino(destination) });
// createApp mounts an error handler of the capture middleware after the routes; pino-http
// learns a request's error from res.err (its documented way), then the app's own handler answers.
logger.errorHandler = (err, req, res, next) => {
  res.err = err;
  next(err);
};

const app = createApp(logger, { dbLatencyMs: Number(process.env.SIMULATED_DB_MS || 0) });
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST || '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://${address.address}:${address.port}`);
});

process.on('SIGTERM', () => {
  server.close(() => {
    destination.flushSync();
    console.log(`pino-http: ${fs.statSync(file).size} bytes logged`);
    process.exit(0);
  });
  server.closeAllConnections();
});
