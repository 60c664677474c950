'use strict';
// @droplets/express: capture every API call as a droplets record (docs/architecture.md, record v1) and
// send it to SQS in batches. See docs/middleware.md for mount order,
// options and the graceful-shutdown recipe.
const os = require('node:os');
const { sqsConfig, inThreadClient } = require('./lib/sqs-client');
const { resolveRegion } = require('./lib/aws-config');
const { startCapture, noteError, noteApp, isTaken, markPassed } = require('./lib/capture');
const { DropletsError } = require('./lib/sender');
const { Pipeline, captureFailed } = require('./lib/pipeline');
const { WorkerPipeline } = require('./lib/worker-pipeline');
const message = require('./lib/message');
const { Redactor, deniedHeaders } = require('./lib/redact');
const { isValidSessionId, SESSION_ID_RE } = require('./lib/session');

const KiB = 1024;
const MiB = 1024 * KiB;

const DEFAULTS = Object.freeze({
  service: 'api',
  env: process.env.NODE_ENV || 'development',
  sessionHeader: 'x-session-id',
  sessionCookie: null,
  requestHeaders: ['accept', 'accept-language', 'content-type', 'content-length', 'host', 'origin', 'referer', 'user-agent', 'x-request-id'],
  responseHeaders: ['content-type', 'content-length', 'cache-control', 'location', 'retry-after', 'x-request-id'],
  redactHeaders: [],
  redactPaths: [],
  maxBodyBytes: 16 * KiB,
  sampleRate: 1,
  // SQS caps a message, and the sum of a batch's messages, at the queue's maximum message
  // size: 256 KiB for every queue ever made (newer queues may allow 1 MiB). 256 KiB is safe
  // anywhere; raise both only if your queue's MaximumMessageSize allows it.
  maxBatchBytes: 256 * KiB,
  maxMessageBytes: 256 * KiB,
  // Several records per message (lib/message.js): one SQS message, and request, carries many.
  pack: true,
  maxPackBytes: message.MAX_MESSAGE_BYTES,
  flushIntervalMs: 1000,
  maxBufferRecords: 5000,
  maxBufferBytes: 16 * MiB,
  maxInFlight: 4,
  maxRetries: 3,
  retryBaseMs: 200,
  retryMaxMs: 5000,
  sendTimeoutMs: 5000,
  connectTimeoutMs: 2000,
  worker: true,
});

function positiveNumber(options, name) {
  const value = options[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`droplets: option ${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function headerList(options, name) {
  const value = options[name];
  if (!Array.isArray(value) || value.some((h) => typeof h !== 'string')) {
    throw new TypeError(`droplets: option ${name} must be an array of header names`);
  }
  return value.map((h) => h.toLowerCase());
}

// The default onError: a warning per kind of failure at most once a minute, with no record
// content (records hold personal data; logs must not).
function defaultOnError() {
  const last = new Map();
  return (err) => {
    const code = (err && err.code) || 'ERROR';
    const now = Date.now();
    if (now - (last.get(code) || -Infinity) < 60000) return;
    last.set(code, now);
    console.warn(`droplets: ${code}: ${err && err.message}`);
  };
}

function configure(input) {
  const options = { ...DEFAULTS, ...input };
  if (typeof options.queueUrl !== 'string' || !/^https?:\/\//.test(options.queueUrl)) {
    throw new TypeError('droplets: option queueUrl must be the SQS queue URL (the stack output `queueUrl`)');
  }
  if (typeof options.pack !== 'boolean') throw new TypeError('droplets: option pack must be true or false');
  for (const name of ['maxBodyBytes', 'maxBatchBytes', 'maxMessageBytes', 'maxPackBytes', 'flushIntervalMs', 'maxBufferRecords', 'maxBufferBytes', 'maxInFlight', 'retryBaseMs', 'retryMaxMs', 'sendTimeoutMs', 'connectTimeoutMs']) {
    positiveNumber(options, name);
  }
  if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
    throw new TypeError('droplets: option maxRetries must be an integer >= 0');
  }
  if (typeof options.sampleRate !== 'number' || !(options.sampleRate >= 0 && options.sampleRate <= 1)) {
    throw new TypeError('droplets: option sampleRate must be a number from 0 to 1');
  }
  if (options.skip !== undefined && typeof options.skip !== 'function') {
    throw new TypeError('droplets: option skip must be a function (req) => boolean');
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TypeError('droplets: option onError must be a function (error) => void');
  }
  if (!Array.isArray(options.redactPaths)) throw new TypeError('droplets: option redactPaths must be an array of dotted paths');
  new Redactor(options.redactPaths); // eslint-disable-line no-new -- names a bad path now, not on the first request
  const requestHeaders = headerList(options, 'requestHeaders');
  const responseHeaders = headerList(options, 'responseHeaders');
  const deny = deniedHeaders([...requestHeaders, ...responseHeaders], headerList(options, 'redactHeaders'));
  const source = { service: String(options.service).slice(0, 128), env: String(options.env).slice(0, 64), host: String(options.host || os.hostname()).slice(0, 255) };
  return {
    options,
    // What the request's thread needs (lib/capture.js, lib/snapshot.js): credential headers
    // are left out of the allowlists here, so they are never even read.
    capture: {
      session: { header: options.sessionHeader ? options.sessionHeader.toLowerCase() : null, cookieName: options.sessionCookie || null },
      maxBodyBytes: Math.floor(options.maxBodyBytes),
      requestHeaders: requestHeaders.filter((name) => !deny.has(name)),
      responseHeaders: responseHeaders.filter((name) => !deny.has(name)),
    },
    // What the pipeline needs (lib/pipeline.js), as plain data: it may be built in the worker.
    pipeline: {
      source,
      redactPaths: options.redactPaths.slice(),
      sender: {
        queueUrl: options.queueUrl,
        maxBatchBytes: options.maxBatchBytes,
        maxMessageBytes: options.maxMessageBytes,
        pack: options.pack,
        maxPackBytes: options.maxPackBytes,
        flushIntervalMs: options.flushIntervalMs,
        maxBufferRecords: options.maxBufferRecords,
        maxBufferBytes: options.maxBufferBytes,
        maxInFlight: options.maxInFlight,
        maxRetries: options.maxRetries,
        retryBaseMs: options.retryBaseMs,
        retryMaxMs: options.retryMaxMs,
        sendTimeoutMs: options.sendTimeoutMs,
      },
    },
  };
}

/**
 * Where records are built and sent from: by default a worker thread, with the SDK's client
 * there too (lib/worker-pipeline.js); with `worker: false` or a client of your own, a
 * Pipeline on the app's thread. Returns the pipeline and what close() releases.
 */
function makePipeline(options, settings, report) {
  if (!options.client && options.worker) {
    const region = resolveRegion(options); // throws naming AWS_REGION when nothing gives one
    return { pipeline: new WorkerPipeline({ settings, sqs: sqsConfig(options, region) }, { maxBufferRecords: options.maxBufferRecords, report }), release: null };
  }
  // A client droplets made is droplets' to release (its sockets); yours stays yours.
  const client = options.client || inThreadClient(options, resolveRegion(options));
  return { pipeline: new Pipeline(settings, client, report), release: options.client ? null : () => client.destroy() };
}

/**
 * Create the droplets middleware. Throws a TypeError naming the option when the
 * configuration is wrong (at start-up, never on a request).
 */
function droplets(input = {}) {
  const { options, capture, pipeline: settings } = configure(input);
  const onError = options.onError || defaultOnError();
  const report = (err) => {
    try {
      onError(captureFailed(err));
    } catch {
      // the app's own hook failed: nothing sensible is left to tell
    }
  };
  const { pipeline, release } = makePipeline(options, settings, report);
  const counts = { captured: 0, skipped: 0 };
  const deliver = (raw) => {
    counts.captured += 1;
    pipeline.accept(raw);
  };

  // The first droplets mount on a request's way decides, whatever it decides; any later
  // mount (the same middleware again, a sub-app's or a router's, another copy of the
  // package) finds the request taken and passes it on (lib/capture.js, MARK).
  function take(req, res) {
    if (isTaken(req)) {
      noteApp(req); // a sub-app's own mount: where the route lives (lib/route.js)
      return;
    }
    if (pipeline.queueDown()) {
      // The queue is known down (the circuit is open): nothing of the request is looked at,
      // not even by `skip` or sampling; it is counted as dropped (docs/middleware.md).
      pipeline.drop();
      markPassed(req);
      return;
    }
    const skipped = (options.skip && options.skip(req)) || (options.sampleRate < 1 && Math.random() >= options.sampleRate);
    if (skipped) {
      counts.skipped += 1;
      markPassed(req);
    } else if (pipeline.full()) {
      pipeline.drop(); // nothing to capture while the buffer is full or the queue is down
      markPassed(req);
    } else {
      pipeline.capturing();
      startCapture(req, res, capture, deliver, report);
    }
  }

  function dropletsMiddleware(req, res, next) {
    try {
      take(req, res);
    } catch (err) {
      report(err);
    }
    next();
  }

  /** An error-handling middleware that notes the error for the record and passes it on. */
  dropletsMiddleware.errorHandler = function dropletsErrorHandler(err, req, res, next) {
    try {
      noteError(req, err);
    } catch {
      // never in the way of the app's error handling
    }
    next(err);
  };
  let closed = null;
  dropletsMiddleware.close = (deadlineMs = 5000) => {
    closed = closed || pipeline.close(deadlineMs).then((result) => {
      if (release) release();
      return { ...counts, ...result };
    });
    return closed;
  };
  dropletsMiddleware.flush = () => pipeline.flush();
  dropletsMiddleware.stats = () => ({ ...counts, ...pipeline.stats() });
  return dropletsMiddleware;
}

module.exports = droplets;
module.exports.droplets = droplets;
module.exports.default = droplets;
module.exports.DropletsError = DropletsError;
module.exports.isValidSessionId = isValidSessionId;
module.exports.SESSION_ID_RE = SESSION_ID_RE;
module.exports.DEFAULTS = DEFAULTS;
