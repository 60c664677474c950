'use strict';
// The per-request side of the middleware: it only observes. Nothing here awaits, and every
// observation is wrapped so that a failure in droplets can never reach the app: the original
// res.write/res.end are always called with the app's own arguments and their return value
// (backpressure) is handed back unchanged.
const { randomUUID } = require('node:crypto');
const { BodyCapture } = require('./body');
const { buildRecord, joinRoute } = require('./record');
const { sessionOf } = require('./session');

const STATE = Symbol('droplets.capture');

/**
 * Express sets `req.route` when it dispatches to a route, while `req.baseUrl` still holds
 * the path of the router the route lives in; by the time the response finishes (or an error
 * handler in the app runs), baseUrl has been unwound. An accessor on this request notes the
 * base at the moment of dispatch, so nested routers give their full pattern.
 */
function watchRoute(req, state) {
  let route = req.route;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get() {
      return route;
    },
    set(value) {
      route = value;
      try {
        state.route = joinRoute(req.baseUrl, value);
      } catch {
        state.route = undefined;
      }
    },
  });
}

function wrapBody(res, state, report) {
  const write = res.write;
  const end = res.end;
  const observe = (chunk, encoding) => {
    try {
      if (state.encoding === undefined && chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        // What the bytes passing here are encoded in, as of now: a compression middleware
        // mounted before droplets sets Content-Encoding later, below this wrapper, on the
        // bytes it produces; the bytes seen here are still the app's own.
        const value = res.getHeader('content-encoding');
        state.encoding = value === undefined ? null : String(value);
      }
      state.body.add(chunk, encoding);
    } catch (err) {
      report(err);
    }
  };
  res.write = function dropletsWrite(chunk, encoding) {
    observe(chunk, encoding);
    return write.apply(this, arguments);
  };
  res.end = function dropletsEnd(chunk, encoding) {
    observe(chunk, encoding);
    return end.apply(this, arguments);
  };
}

/**
 * Start observing one request. `deliver(record)` is called once, from the response's
 * `finish` (or `close` without `finish`: aborted) listener, after the response has left.
 */
function startCapture(req, res, opts, deliver, report) {
  const state = {
    eventId: randomUUID(),
    startedAt: Date.now(),
    startNs: process.hrtime.bigint(),
    endedNs: 0n,
    session: sessionOf(req, opts.session),
    body: new BodyCapture(opts.maxBodyBytes),
    route: undefined,
    encoding: undefined, // Content-Encoding of the bytes res.write/res.end saw
    error: undefined,
    aborted: false,
    done: false,
  };
  req[STATE] = state;
  watchRoute(req, state);
  wrapBody(res, state, report);

  const complete = (aborted) => {
    if (state.done) return;
    state.done = true;
    state.endedNs = process.hrtime.bigint();
    state.aborted = aborted;
    try {
      deliver(buildRecord(req, res, state, opts));
    } catch (err) {
      report(err);
    }
  };
  res.once('finish', () => complete(false));
  res.once('close', () => complete(!res.writableFinished));
}

/** Note an error passed to Express's error handling, for the request's record. */
function noteError(req, err) {
  const state = req && req[STATE];
  if (state && state.error === undefined) state.error = err;
}

module.exports = { startCapture, noteError };
