'use strict';
// The per-request side of the middleware: it only observes. Nothing here awaits, and every
// observation is wrapped so that a failure in droplets can never reach the app: the original
// res.write/res.end are always called with the app's own arguments and their return value
// (backpressure) is handed back unchanged.
//
// This runs for every request, so the functions put on req/res are shared, not closures
// made per request: each finds its request's Capture under a symbol.
//
// One request, one capture. droplets may sit several times on a request's way (the same
// middleware mounted twice, an app and a sub-app or router that each mount it, two copies
// of this package in one process): the first mount that sees the request decides, and
// marks the request and the response under MARK, a global symbol so that every instance
// and every copy of the package honours it; later mounts pass the request on untouched.
// (Each wrapping res.write/res.end again would call itself through the first wrapper
// until the stack overflowed.)
const { randomUUID } = require('node:crypto');
const { ServerResponse } = require('node:http');
const { BodyCapture } = require('./body');
const { buildRecord, joinRoute } = require('./record');
const { sessionOf } = require('./session');

const STATE = Symbol('droplets.capture');

/**
 * The mark of a request an outer mount has already taken: `false` when that mount decided
 * not to capture it (skip, sampling, a full buffer), else its capture, an object whose
 * `noteError(err)` records an error (so an errorHandler of any instance or copy can note
 * the error for the record of the mount that captured). Defined with Symbol.for so two
 * copies of the package agree on it.
 */
const MARK = Symbol.for('@droplets/express.capture');

/** Whether an outer droplets mount has already taken this request. */
function isTaken(req, res) {
  return req[MARK] !== undefined || res[MARK] !== undefined;
}

/** Mark a request that this mount takes without capturing it. */
function markPassed(req, res) {
  req[MARK] = false;
  res[MARK] = false;
}

class Capture {
  constructor(req, res, opts, deliver, report) {
    this.req = req;
    this.res = res;
    this.opts = opts;
    this.deliver = deliver;
    this.report = report;
    this.eventId = randomUUID();
    this.startedAt = Date.now();
    this.startNs = process.hrtime.bigint();
    this.endedNs = 0n;
    this.session = sessionOf(req, opts.session);
    this.body = new BodyCapture(opts.maxBodyBytes);
    this.routeValue = req.route; // what req.route reads (see ROUTE)
    this.route = undefined; // the full pattern, noted when Express dispatched to a route
    this.encoding = undefined; // Content-Encoding of the bytes res.write/res.end saw
    this.error = undefined;
    this.aborted = false;
    this.done = false;
    this.write = res.write;
    this.end = res.end;
  }

  observe(chunk, encoding) {
    try {
      if (this.encoding === undefined && chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        // What the bytes passing here are encoded in, as of now: a compression middleware
        // mounted before droplets sets Content-Encoding later, below this wrapper, on the
        // bytes it produces; the bytes seen here are still the app's own.
        const value = this.res.getHeader('content-encoding');
        this.encoding = value === undefined ? null : String(value);
      }
      this.body.add(chunk, encoding);
    } catch (err) {
      this.report(err);
    }
  }

  /** Part of the MARK contract: note the error the app's error handling saw (the first one). */
  noteError(err) {
    if (this.error === undefined) this.error = err;
  }

  complete(aborted) {
    if (this.done) return;
    this.done = true;
    this.endedNs = process.hrtime.bigint();
    this.aborted = aborted;
    try {
      this.deliver(buildRecord(this.req, this.res, this, this.opts));
    } catch (err) {
      this.report(err);
    }
  }
}

/**
 * Express sets `req.route` when it dispatches to a route, while `req.baseUrl` still holds
 * the path of the router the route lives in; by the time the response finishes (or an error
 * handler in the app runs), baseUrl has been unwound. This accessor, defined on each
 * captured request, notes the base at the moment of dispatch, so nested routers give
 * their full pattern.
 */
const ROUTE = {
  configurable: true,
  enumerable: true,
  get() {
    return this[STATE].routeValue;
  },
  set(value) {
    const capture = this[STATE];
    capture.routeValue = value;
    try {
      capture.route = joinRoute(this.baseUrl, value);
    } catch {
      capture.route = undefined;
    }
  },
};

// (Called on another response object, which can only happen if someone borrows them, they
// fall back to Node's own methods rather than fail.)
function dropletsWrite(chunk, encoding) {
  const capture = this && this[STATE];
  if (capture === undefined) return ServerResponse.prototype.write.apply(this, arguments);
  capture.observe(chunk, encoding);
  return capture.write.apply(this, arguments);
}

function dropletsEnd(chunk, encoding) {
  const capture = this && this[STATE];
  if (capture === undefined) return ServerResponse.prototype.end.apply(this, arguments);
  capture.observe(chunk, encoding);
  return capture.end.apply(this, arguments);
}

function onFinish() {
  this[STATE].complete(false);
}

function onClose() {
  this[STATE].complete(!this.writableFinished);
}

/**
 * Start observing one request. `deliver(record)` is called once, from the response's
 * `finish` (or `close` without `finish`: aborted) listener, after the response has left.
 */
function startCapture(req, res, opts, deliver, report) {
  if (res[STATE] !== undefined) return; // never wrap the same response twice
  const capture = new Capture(req, res, opts, deliver, report);
  req[MARK] = capture;
  res[MARK] = capture;
  req[STATE] = capture;
  res[STATE] = capture;
  Object.defineProperty(req, 'route', ROUTE);
  res.write = dropletsWrite;
  res.end = dropletsEnd;
  res.on('finish', onFinish);
  res.on('close', onClose);
}

/** Note an error passed to Express's error handling, for the record of whichever mount captured the request. */
function noteError(req, err) {
  const capture = req && req[MARK];
  if (capture && typeof capture.noteError === 'function') capture.noteError(err);
}

module.exports = { startCapture, noteError, isTaken, markPassed, MARK };
