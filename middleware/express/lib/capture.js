'use strict';
// The per-request side of the middleware: it only observes. Nothing here awaits, and every
// observation is wrapped so that a failure in droplets can never reach the app: the original
// res.write/res.end are always called with the app's own arguments and their return value
// (backpressure) is handed back unchanged.
//
// This runs for every request, and it does as little as it can on the app's thread: when the
// response ends it copies the raw facts of the call (lib/snapshot.js) and hands them on; the
// record is built elsewhere (lib/record.js), by default in the middleware's worker thread.
//
// It also touches req and res as little as it can: one property added (the request's MARK),
// no other property of its own on either. Express gives every request's req and res a
// prototype of its app's (Object.setPrototypeOf), and after that V8 no longer shares their
// hidden classes between requests: each property added to them builds a new hidden class,
// copying the 50-odd descriptors of the object (3-6 µs of the app's thread each, measured),
// and every property read misses V8's inline caches once per hidden class and walks the
// prototype chain (bench/README.md, "Issue 17, profiled under load"). So the write, end and
// 'close' hooks are closures over their Capture (three small allocations) rather than shared
// functions that would look the capture up on the response under a symbol of its own.
//
// One request, one capture. droplets may sit several times on a request's way (the same
// middleware mounted twice, an app and a sub-app or router that each mount it, two copies
// of this package in one process): the first mount that sees the request decides, and
// marks the request under MARK, a global symbol so that every instance and every copy of the
// package honours it; later mounts pass the request on untouched. (Each wrapping
// res.write/res.end again would call itself through the first wrapper until the stack
// overflowed.) Earlier versions marked the response too; they always marked both, so a
// marked request is all that any version needs to see, and all that this one sets.
const { ServerResponse } = require('node:http');
const { BodyCapture } = require('./body');
const { snapshot } = require('./snapshot');
const { routePattern, pathname, isApp } = require('./route');
const { isNodeResponse, writableEnded, writableFinished, getHeader } = require('./response');

/**
 * The mark of a request an outer mount has already taken: `false` when that mount decided
 * not to capture it (skip, sampling, a full buffer), else its capture, an object whose
 * `noteError(err)` records an error and `noteApp(app)` an app the request passes through
 * (so that an inner mount or errorHandler of any instance or copy informs the record of the
 * mount that captured). Defined with Symbol.for so two copies of the package agree on it.
 */
const MARK = Symbol.for('@droplets/express.capture');

/** Whether an outer droplets mount (of any version) has already taken this request. */
function isTaken(req) {
  return req[MARK] !== undefined;
}

/** Mark a request that this mount takes without capturing it. */
function markPassed(req) {
  req[MARK] = false;
}

class Capture {
  constructor(req, res, opts, deliver, report) {
    this.req = req;
    this.res = res;
    this.opts = opts;
    this.deliver = deliver;
    this.report = report;
    this.startedAt = Date.now();
    this.startNs = process.hrtime.bigint();
    this.durationMs = 0;
    this.body = null; // a BodyCapture from the first chunk written
    // Where the request went, for request.route (lib/route.js): the apps it was seen in
    // (the first is the app droplets ran in) and, noted when the response is first
    // written, the Route Express dispatched to with the paths it was routed by.
    this.apps = isApp(req.app) ? [req.app] : [];
    this.route = undefined;
    this.baseUrl = undefined;
    this.url = undefined;
    this.encoding = undefined; // Content-Encoding of the bytes res.write/res.end saw
    this.error = undefined;
    this.aborted = false;
    this.done = false;
    this.write = res.write;
    this.end = res.end;
    this.native = isNodeResponse(res); // its state read through Node's accessors (lib/response.js)
  }

  observe(chunk, encoding) {
    try {
      if (this.route === undefined && this.req.route !== undefined) this.noteRoute();
      // What is written after end() never leaves: Node refuses it (the app's callback gets
      // the error), so it is not part of the body either.
      if (writableEnded(this.res, this.native) || this.res.destroyed) return;
      if (this.encoding === undefined && chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        // What the bytes passing here are encoded in, as of now: a compression middleware
        // mounted before droplets sets Content-Encoding later, below this wrapper, on the
        // bytes it produces; the bytes seen here are still the app's own.
        const value = getHeader(this.res, 'content-encoding', this.native);
        this.encoding = value === undefined ? null : String(value);
      }
      if (this.body === null) this.body = new BodyCapture(this.opts.maxBodyBytes);
      this.body.add(chunk, encoding);
    } catch (err) {
      this.report(err);
    }
  }

  /** Part of the MARK contract: note the error the app's error handling saw (the first one). */
  noteError(err) {
    if (this.error === undefined) this.error = err;
  }

  /** Part of the MARK contract: the request is passing through this app (a sub-app). */
  noteApp(app) {
    if (isApp(app) && !this.apps.includes(app) && this.apps.length < 8) this.apps.push(app);
  }

  /**
   * The route as the response starts. Express's state (req.route, req.baseUrl, req.url,
   * req.app) is then usually the one of the handler that answers; when an error handler
   * further out answers, Express has unwound baseUrl and url, and lib/route.js matches the
   * original URL instead.
   */
  noteRoute() {
    const req = this.req;
    this.route = req.route;
    this.baseUrl = req.baseUrl;
    this.url = req.url;
    this.noteApp(req.app);
  }

  /** The pattern of the route that answered, or null (lib/route.js). */
  routePattern() {
    if (this.route === undefined) return null;
    const routed = typeof this.baseUrl === 'string' ? this.baseUrl + (pathname(this.url) || '') : null;
    const original = pathname(this.req.originalUrl || this.req.url);
    try {
      return routePattern(this.route, this.apps, routed === original ? [routed] : [routed, original]);
    } catch (err) {
      this.report(err); // an Express internal this does not know: the record goes without a route
      return null;
    }
  }

  complete(aborted) {
    if (this.done) return;
    this.done = true;
    this.durationMs = Number(process.hrtime.bigint() - this.startNs) / 1e6;
    this.aborted = aborted;
    if (this.route === undefined && this.req.route !== undefined) this.noteRoute();
    try {
      this.deliver(snapshot(this.req, this.res, this, this.opts));
    } catch (err) {
      this.report(err);
    }
  }
}

/**
 * Start observing one request. `deliver(snapshot)` is called once, from the response's
 * `close` listener, after the response has left (lib/snapshot.js).
 */
function startCapture(req, res, opts, deliver, report) {
  if (req[MARK] !== undefined) return; // never wrap the same response twice
  const capture = new Capture(req, res, opts, deliver, report);
  req[MARK] = capture;
  // (Called on another response object, which can only happen if someone borrows them, they
  // fall back to Node's own methods rather than fail.)
  res.write = function dropletsWrite(chunk, encoding) {
    if (this !== res) return ServerResponse.prototype.write.apply(this, arguments);
    capture.observe(chunk, encoding);
    return capture.write.apply(this, arguments);
  };
  res.end = function dropletsEnd(chunk, encoding) {
    if (this !== res) return ServerResponse.prototype.end.apply(this, arguments);
    capture.observe(chunk, encoding);
    return capture.end.apply(this, arguments);
  };
  // 'close' comes once per response, right after 'finish' when the response was sent whole,
  // alone when the connection went first (aborted): one listener serves both.
  res.on('close', () => capture.complete(!writableFinished(res, capture.native)));
}

/** Note an error passed to Express's error handling, for the record of whichever mount captured the request. */
function noteError(req, err) {
  const capture = req && req[MARK];
  if (capture && typeof capture.noteError === 'function') capture.noteError(err);
  noteApp(req);
}

/** Tell the mount that captured the request which app it is passing through now. */
function noteApp(req) {
  const capture = req && req[MARK];
  if (capture && typeof capture.noteApp === 'function') capture.noteApp(req.app);
}

module.exports = { startCapture, noteError, noteApp, isTaken, markPassed, MARK };
