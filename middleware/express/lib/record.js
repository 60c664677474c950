'use strict';
// Assembling a version-1 record (docs/architecture.md, droplets/contract/record-v1.json) from what the
// capture saw. Every value is bounded by the schema's limits so that a record the
// middleware sends is never a bad row because of its own shape.
const { bodyValue, BodyCapture, mediaType, JSON_TYPE } = require('./body');

const MAX_PATH = 8192;
const MAX_IP = 64;
const MAX_ERROR_MESSAGE = 1024;

function clip(text, max) {
  return text.length > max ? text.slice(0, max) : text;
}

function requestPath(req) {
  const url = req.originalUrl || req.url || '/';
  const q = url.indexOf('?');
  return clip(q === -1 ? url : url.slice(0, q), MAX_PATH);
}

function requestMethod(req) {
  // Node accepts methods such as M-SEARCH; the schema allows [A-Z]{1,16}.
  return clip(String(req.method || 'GET').toUpperCase().replace(/[^A-Z]/g, ''), 16) || 'UNKNOWN';
}

function requestQuery(req, opts) {
  // Express 5 parses the query string again on every read of req.query: skip it when there is none.
  const url = req.originalUrl || req.url || '';
  if (!url.includes('?')) return {};
  const query = req.query;
  return query && typeof query === 'object' ? opts.redactor.copy(query) : {};
}

function clientIp(req) {
  let ip;
  try {
    // req.ip applies Express's `trust proxy` to X-Forwarded-For; without that header it is
    // the socket's address whatever the setting, and cheaper to read directly.
    ip = req.headers['x-forwarded-for'] === undefined ? req.socket?.remoteAddress : req.ip;
  } catch {
    ip = undefined;
  }
  return typeof ip === 'string' ? clip(ip, MAX_IP) : null;
}

function declaredLength(req) {
  const value = Number(req.headers['content-length']);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * The request body. Only what a body parser already read is captured (`req.body` after
 * express.json(), express.text(), express.urlencoded(), express.raw(), multer...): reading
 * the stream ourselves would steal it from the app. Without a parser, the size is the
 * declared Content-Length and the body is null.
 */
function requestBody(req, opts) {
  const hasBody = declaredLength(req) > 0 || req.headers['transfer-encoding'] !== undefined;
  const parsed = req._body === true || (hasBody && req.body !== undefined);
  if (!parsed || req.body === undefined) {
    return { body: null, body_bytes: declaredLength(req) || 0, body_truncated: false };
  }
  const contentType = req.headers['content-type'];
  const value = req.body;
  const capture = new BodyCapture(opts.maxBodyBytes);
  if (Buffer.isBuffer(value)) {
    // express.raw(): the bytes as sent, so they are treated like a response body.
    capture.add(value);
    return finishBody(capture, contentType, undefined, opts, declaredLength(req));
  }
  if (typeof value === 'string') {
    // express.text() or similar: text whatever the declared type.
    capture.add(value);
    const type = JSON_TYPE.test(mediaType(contentType)) ? contentType : 'text/plain; charset=utf-8';
    return finishBody(capture, type, undefined, opts, declaredLength(req));
  }
  const declared = declaredLength(req);
  const encoded = req.headers['content-encoding'] !== undefined && req.headers['content-encoding'] !== 'identity';
  if (declared !== undefined && declared <= opts.maxBodyBytes && !encoded) {
    // Small enough as sent: a redacted copy, without serialising it to measure it.
    return { body: opts.redactor.copy(value) ?? null, body_bytes: declared, body_truncated: false };
  }
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined; // a parser produced something JSON cannot hold (cycles, BigInt)
  }
  if (text === undefined) return { body: null, body_bytes: declared || 0, body_truncated: false };
  capture.add(text);
  if (!capture.truncated) {
    return { body: opts.redactor.inPlace(JSON.parse(text)), body_bytes: declared ?? capture.bytes, body_truncated: false };
  }
  return finishBody(capture, 'application/json', undefined, opts, declared);
}

function finishBody(capture, contentType, contentEncoding, opts, declared) {
  const truncated = capture.truncated;
  let { body, json } = bodyValue(capture.content(), truncated, contentType, contentEncoding);
  if (json) body = opts.redactor.inPlace(body);
  else if (typeof body === 'string') body = opts.maskText(body);
  return { body, body_bytes: declared ?? capture.bytes, body_truncated: truncated };
}

function errorValue(state, opts) {
  if (state.aborted) {
    return { type: 'aborted', message: 'the client closed the connection before the response finished', aborted: true };
  }
  const err = state.error;
  if (err === undefined) return null;
  const type = err && typeof err.name === 'string' ? err.name : typeof err;
  const message = err && typeof err.message === 'string' ? err.message : String(err);
  return { type: clip(type, 128), message: opts.maskText(clip(message, MAX_ERROR_MESSAGE)) };
}

function responseStatus(res, state) {
  // An aborted request whose headers never left has no status of its own; 499 is the
  // conventional "client closed request".
  if (state.aborted && !res.headersSent) return 499;
  const status = res.statusCode;
  return Number.isInteger(status) && status >= 0 && status <= 999 ? status : 0;
}

/** The record of one finished (or aborted) request. */
function buildRecord(req, res, state, opts) {
  const resHeaders = res.getHeaders();
  return {
    v: 1,
    event_id: state.eventId,
    ...state.session,
    occurred_at: new Date(state.startedAt).toISOString(),
    duration_ms: Math.round(Number(state.endedNs - state.startNs) / 1e3) / 1e3,
    source: opts.source,
    request: {
      method: requestMethod(req),
      path: opts.maskText(requestPath(req)), // a token in a path (/hooks/<secret>) never leaves
      route: state.routePattern(),
      query: requestQuery(req, opts),
      headers: opts.pickRequestHeaders(req.headers),
      ip: clientIp(req),
      ...requestBody(req, opts),
    },
    response: {
      status: responseStatus(res, state),
      headers: opts.pickResponseHeaders(resHeaders),
      ...finishBody(state.body, resHeaders['content-type'], state.encoding, opts, undefined),
    },
    error: errorValue(state, opts),
  };
}

module.exports = { buildRecord };
