'use strict';
// What the request's own thread reads when a captured response ends: the raw facts of the
// call, copied out of req/res, and nothing more. Everything that costs (redaction, parsing
// bodies, building and serialising the record, the event ID) is left to lib/record.js, which
// by default runs in the middleware's worker thread (lib/worker.js): the app's event loop only
// pays for this copy and for handing it over.
//
// A snapshot is plain data that crosses threads cheaply (structured clone): strings, numbers,
// booleans, null, plain objects of strings, and Buffers (copies the capture made, possibly
// slices of Node's pool), which the hand-off copies into one memory per batch that it
// transfers to the worker (lib/worker-pipeline.js). It holds unredacted
// values: it never leaves the process, and lib/record.js redacts before anything is serialised.
// Credential headers are never read into it at all.
const querystring = require('node:querystring');
const { BodyCapture } = require('./body');
const { sessionOf } = require('./session');
const { getHeader } = require('./response');

const MAX_ERROR_MESSAGE = 1024; // the record's limit; the rest of a long message is never needed


/**
 * The allowlisted headers present, as sent: `allow` holds lower-case names, the denied ones
 * already removed (lib/redact.js, deniedHeaders). `get(name)` reads one header.
 */
function pickRaw(allow, get, from) {
  let out = null;
  for (let i = 0; i < allow.length; i += 1) {
    const value = get(from, allow[i]);
    if (value === undefined) continue;
    if (out === null) out = {};
    out[allow[i]] = Array.isArray(value) ? value.map(String) : typeof value === 'number' ? value : String(value);
  }
  return out;
}

const requestHeader = (headers, name) => headers[name];
const responseHeader = (res, name) => res.getHeader(name);
const nodeResponseHeader = (res, name) => getHeader(res, name, true);

function declaredLength(headers) {
  const value = Number(headers['content-length']);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function clientIp(req, headers) {
  let ip;
  try {
    // req.ip applies Express's `trust proxy` to X-Forwarded-For; without that header it is
    // the socket's address whatever the setting, and cheaper to read directly.
    ip = headers['x-forwarded-for'] === undefined ? req.socket?.remoteAddress : req.ip;
  } catch {
    ip = undefined;
  }
  return typeof ip === 'string' ? ip : null;
}

// Kinds of request body (lib/record.js turns each into the record's value).
const NO_BODY = 0; // nothing a parser read: body null, body_bytes from Content-Length
const BYTES = 1; // express.raw(): bytes, treated like a response body of the request's type
const TEXT = 2; // express.text() or similar: text whatever the declared type
const JSON_TEXT = 3; // a parsed value (express.json(), urlencoded, multer...), as JSON text

/**
 * The request body. Only what a body parser already read is captured (`req.body` after
 * express.json(), express.text(), express.urlencoded(), express.raw(), multer...): reading
 * the stream ourselves would steal it from the app.
 */
function requestBody(req, headers, raw, maxBodyBytes) {
  const declared = declaredLength(headers);
  raw.reqDeclared = declared;
  raw.reqContentType = headers['content-type'] ?? null;
  const hasBody = declared > 0 || headers['transfer-encoding'] !== undefined;
  // A request without a body has none a parser read unless one says so (req._body): req.body
  // is not read then (on most such requests it is missing, and a missing property is looked
  // for along the request's whole prototype chain).
  const marked = req._body === true;
  if (!marked && !hasBody) return;
  const value = req.body;
  if (value === undefined) return;
  if (Buffer.isBuffer(value) || typeof value === 'string') {
    const capture = new BodyCapture(maxBodyBytes);
    capture.add(value);
    raw.reqKind = typeof value === 'string' ? TEXT : BYTES;
    raw.reqBody = capture.content(); // a string, or a copy of the app's bytes (BodyCapture)
    raw.reqBytes = capture.bytes;
    raw.reqTruncated = capture.truncated;
    return;
  }
  let text;
  try {
    // The app's value as JSON sees it (toJSON, no functions), copied now: the app may change
    // its object later, and JSON.stringify is the cheapest copy there is.
    text = JSON.stringify(value);
  } catch {
    text = undefined; // a parser produced something JSON cannot hold (cycles, BigInt)
  }
  if (text === undefined) return;
  raw.reqKind = JSON_TEXT;
  const encoded = headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity';
  raw.reqSmall = declared !== null && declared <= maxBodyBytes && !encoded;
  if (raw.reqSmall) {
    // Small as sent: kept whole (its JSON is about the size that was sent), measured by its
    // Content-Length.
    raw.reqBody = text;
    return;
  }
  const capture = new BodyCapture(maxBodyBytes);
  capture.add(text);
  raw.reqBody = capture.content();
  raw.reqBytes = capture.bytes;
  raw.reqTruncated = capture.truncated;
}

// What Express's req.query getter does with the default ('simple') query parser, where it
// can be left to the worker: Node's querystring.parse of the query of req.url, as the
// `parseurl` package finds it for a URL of its fast path (a path with none of these).
const NOT_FAST_PATH = /[\t\n\f\r #\u00a0\ufeff]/;

/**
 * The query as the app sees it (req.query). With Express's default parser and req.query not
 * redefined on the request, only the query string is copied (raw.querySearch) and the worker
 * parses it as Express would (lib/record.js); else req.query, as JSON text (raw.query).
 */
function queryOf(req, raw) {
  const app = req.app;
  const url = req.url;
  if (typeof url === 'string' && url.charCodeAt(0) === 0x2f && !NOT_FAST_PATH.test(url) && typeof app === 'function' && typeof app.get === 'function' && app.get('query parser fn') === querystring.parse && !Object.hasOwn(req, 'query')) {
    const at = url.indexOf('?');
    raw.querySearch = at === -1 ? '' : url.slice(at + 1);
    return;
  }
  const query = req.query;
  if (query && typeof query === 'object') {
    try {
      raw.query = JSON.stringify(query);
    } catch {
      raw.query = null;
    }
  }
}

function errorOf(raw, state) {
  if (state.aborted) {
    raw.aborted = true;
    return;
  }
  const err = state.error;
  if (err === undefined) return;
  raw.errorType = err && typeof err.name === 'string' ? err.name : typeof err;
  const message = err && typeof err.message === 'string' ? err.message : String(err);
  raw.errorMessage = message.length > MAX_ERROR_MESSAGE ? message.slice(0, MAX_ERROR_MESSAGE) : message;
}

function statusOf(res, state) {
  // An aborted request whose headers never left has no status of its own; 499 is the
  // conventional "client closed request".
  if (state.aborted && !res.headersSent) return 499;
  const status = res.statusCode;
  return Number.isInteger(status) && status >= 0 && status <= 999 ? status : 0;
}

/**
 * The snapshot of one finished (or aborted) request. `state` is its capture
 * (lib/capture.js): timing, route, error, the response body seen.
 * `opts.requestHeaders`/`opts.responseHeaders` are the allowlists less the denied headers.
 */
function snapshot(req, res, state, opts) {
  // Read once: Node's req.headers is a getter further up the request's prototype chain.
  const headers = req.headers;
  const session = sessionOf(req, opts.session, headers);
  const body = state.body;
  const raw = {
    startedAt: state.startedAt,
    durationMs: state.durationMs,
    sessionId: session.session_id,
    sessionInvalid: session.session_invalid === true,
    method: typeof req.method === 'string' ? req.method : 'GET',
    url: req.originalUrl || req.url || '/',
    query: null,
    querySearch: null,
    route: state.routePattern(),
    reqHeaders: pickRaw(opts.requestHeaders, requestHeader, headers),
    ip: clientIp(req, headers),
    reqKind: NO_BODY,
    reqBody: null,
    reqBytes: 0,
    reqTruncated: false,
    reqSmall: false,
    reqDeclared: null,
    reqContentType: null,
    status: statusOf(res, state),
    resHeaders: pickRaw(opts.responseHeaders, state.native === true ? nodeResponseHeader : responseHeader, res),
    resContentType: null,
    resEncoding: state.encoding ?? null,
    resBody: null,
    resBytes: body === null ? 0 : body.bytes,
    resTruncated: body !== null && body.truncated,
    aborted: false,
    errorType: null,
    errorMessage: null,
  };
  // Express 5 parses the query string again on every read of req.query: only when there is one.
  if (raw.url.includes('?')) queryOf(req, raw);
  requestBody(req, headers, raw, opts.maxBodyBytes);
  const contentType = getHeader(res, 'content-type', state.native === true);
  if (contentType !== undefined) raw.resContentType = String(contentType);
  if (body !== null && body.bytes > 0) raw.resBody = body.content();
  errorOf(raw, state);
  return raw;
}

// The hand-off to the worker (lib/worker-pipeline.js) carries a batch of snapshots as one flat
// array of their values, FIELDS.length per snapshot in this order, not as objects: structured
// clone writes every property name of every object, and V8 reads them back one by one into
// new objects; the values alone cost the app's thread about half as much to post, and the
// worker about half as much to receive (bench/README.md, "Issue 17, profiled under load").
// `flatten` and `unflatten` spell the fields out rather than loop over FIELDS, so that each
// read is of one known property (a loop would make every read a megamorphic keyed load).
const FIELDS = Object.freeze([
  'startedAt', 'durationMs', 'sessionId', 'sessionInvalid', 'method', 'url', 'query', 'querySearch', 'route', 'reqHeaders', 'ip',
  'reqKind', 'reqBody', 'reqBytes', 'reqTruncated', 'reqSmall', 'reqDeclared', 'reqContentType',
  'status', 'resHeaders', 'resContentType', 'resEncoding', 'resBody', 'resBytes', 'resTruncated',
  'aborted', 'errorType', 'errorMessage',
]);

/** Write the values of snapshot `raw` into `out` from index `at` (FIELDS.length of them). */
function flatten(raw, out, at) {
  out[at] = raw.startedAt;
  out[at + 1] = raw.durationMs;
  out[at + 2] = raw.sessionId;
  out[at + 3] = raw.sessionInvalid;
  out[at + 4] = raw.method;
  out[at + 5] = raw.url;
  out[at + 6] = raw.query;
  out[at + 7] = raw.querySearch;
  out[at + 8] = raw.route;
  out[at + 9] = raw.reqHeaders;
  out[at + 10] = raw.ip;
  out[at + 11] = raw.reqKind;
  out[at + 12] = raw.reqBody;
  out[at + 13] = raw.reqBytes;
  out[at + 14] = raw.reqTruncated;
  out[at + 15] = raw.reqSmall;
  out[at + 16] = raw.reqDeclared;
  out[at + 17] = raw.reqContentType;
  out[at + 18] = raw.status;
  out[at + 19] = raw.resHeaders;
  out[at + 20] = raw.resContentType;
  out[at + 21] = raw.resEncoding;
  out[at + 22] = raw.resBody;
  out[at + 23] = raw.resBytes;
  out[at + 24] = raw.resTruncated;
  out[at + 25] = raw.aborted;
  out[at + 26] = raw.errorType;
  out[at + 27] = raw.errorMessage;
}

/** The snapshot whose values start at index `at` of `values` (the inverse of flatten). */
function unflatten(values, at) {
  return {
    startedAt: values[at],
    durationMs: values[at + 1],
    sessionId: values[at + 2],
    sessionInvalid: values[at + 3],
    method: values[at + 4],
    url: values[at + 5],
    query: values[at + 6],
    querySearch: values[at + 7],
    route: values[at + 8],
    reqHeaders: values[at + 9],
    ip: values[at + 10],
    reqKind: values[at + 11],
    reqBody: values[at + 12],
    reqBytes: values[at + 13],
    reqTruncated: values[at + 14],
    reqSmall: values[at + 15],
    reqDeclared: values[at + 16],
    reqContentType: values[at + 17],
    status: values[at + 18],
    resHeaders: values[at + 19],
    resContentType: values[at + 20],
    resEncoding: values[at + 21],
    resBody: values[at + 22],
    resBytes: values[at + 23],
    resTruncated: values[at + 24],
    aborted: values[at + 25],
    errorType: values[at + 26],
    errorMessage: values[at + 27],
  };
}

module.exports = { snapshot, flatten, unflatten, FIELDS, NO_BODY, BYTES, TEXT, JSON_TEXT, MAX_ERROR_MESSAGE };
