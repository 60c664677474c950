'use strict';
// Assembling a version-1 record (docs/architecture.md, droplets/contract/record-v1.json) from the snapshot
// of a request (lib/snapshot.js). This is where the work is: the event ID, redaction, parsing
// bodies. It is a pure function of the snapshot and the configuration, so it runs wherever
// records are sent from: in the middleware's worker thread by default (lib/worker.js), on the
// app's thread with `worker: false` or a client of your own. Either way it runs before the
// record is serialised, so nothing unredacted ever leaves the process.
//
// Every value is bounded by the schema's limits so that a record the middleware sends is
// never a bad row because of its own shape.
const { randomUUID } = require('node:crypto');
const querystring = require('node:querystring');
const { bodyValue, mediaType, JSON_TYPE } = require('./body');
const { BYTES, TEXT, JSON_TEXT } = require('./snapshot');

const MAX_PATH = 8192;
const MAX_IP = 64;
const MAX_ERROR_MESSAGE = 1024;

function clip(text, max) {
  return text.length > max ? text.slice(0, max) : text;
}

function requestPath(url) {
  const q = url.indexOf('?');
  return clip(q === -1 ? url : url.slice(0, q), MAX_PATH);
}

function requestMethod(method) {
  // Node accepts methods such as M-SEARCH; the schema allows [A-Z]{1,16}.
  return clip(method.toUpperCase().replace(/[^A-Z]/g, ''), 16) || 'UNKNOWN';
}

function parsedJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The object of querystring.parse(search) as JSON.parse(JSON.stringify()) of it gives it: a
 * plain object (querystring's has no prototype), a `__proto__` key an own property.
 */
function parsedQuery(search) {
  const parsed = querystring.parse(search);
  const out = {};
  for (const key of Object.keys(parsed)) {
    const value = parsed[key];
    const copy = Array.isArray(value) ? value.slice() : value;
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}

/** The query as the app parsed it (JSON text of req.query, or the query string Express's
 * default parser reads: lib/snapshot.js, queryOf), redacted; {} when there is none. */
function requestQuery(raw, redactor) {
  if (typeof raw.querySearch === 'string') return redactor.inPlace(parsedQuery(raw.querySearch));
  if (raw.query === null || raw.query === undefined) return {};
  const query = parsedJson(raw.query);
  return query !== null && typeof query === 'object' ? redactor.inPlace(query) : {};
}

/** Header values masked like free text (credential headers were never read). */
function maskHeaders(headers, redactor) {
  const out = {};
  if (headers === null) return out;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    out[name] = Array.isArray(value) ? value.map((v) => redactor.text(v)) : typeof value === 'number' ? value : redactor.text(value);
  }
  return out;
}

/** Kept bytes as the body capture holds them: a string, or a Buffer over the snapshot's bytes. */
function captured(content) {
  return typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

function finishBody(content, bytes, truncated, contentType, contentEncoding, redactor, declared) {
  let { body, json } = bodyValue(content === null ? '' : captured(content), truncated, contentType, contentEncoding);
  if (json) body = redactor.inPlace(body);
  else if (typeof body === 'string') body = redactor.text(body);
  return { body, body_bytes: declared ?? bytes, body_truncated: truncated };
}

function requestBody(raw, redactor) {
  const declared = raw.reqDeclared;
  switch (raw.reqKind) {
    case BYTES:
      return finishBody(raw.reqBody, raw.reqBytes, raw.reqTruncated, raw.reqContentType, null, redactor, declared);
    case TEXT: {
      const type = JSON_TYPE.test(mediaType(raw.reqContentType)) ? raw.reqContentType : 'text/plain; charset=utf-8';
      return finishBody(raw.reqBody, raw.reqBytes, raw.reqTruncated, type, null, redactor, declared);
    }
    case JSON_TEXT: {
      if (raw.reqSmall) {
        // Small enough as sent: the whole value, redacted, measured by its Content-Length.
        return { body: redactor.inPlace(parsedJson(raw.reqBody)) ?? null, body_bytes: declared, body_truncated: false };
      }
      if (!raw.reqTruncated) return { body: redactor.inPlace(parsedJson(raw.reqBody)) ?? null, body_bytes: declared ?? raw.reqBytes, body_truncated: false };
      return finishBody(raw.reqBody, raw.reqBytes, true, 'application/json', null, redactor, declared);
    }
    default:
      return { body: null, body_bytes: declared || 0, body_truncated: false };
  }
}

function errorValue(raw, redactor) {
  if (raw.aborted) {
    return { type: 'aborted', message: 'the client closed the connection before the response finished', aborted: true };
  }
  if (raw.errorType === null) return null;
  return { type: clip(raw.errorType, 128), message: redactor.text(clip(raw.errorMessage, MAX_ERROR_MESSAGE)) };
}

// new Date(ms).toISOString() costs about a microsecond (V8 formats every field each time), and
// records come a few thousand a second: the text up to the seconds is kept for the second it
// was made for, and only the milliseconds are written. Anything but a whole number of
// milliseconds from 1970 to 9999 (whose format differs) goes to toISOString as before.
const YEAR_10000_S = 253402300800;
let isoSecond = -1;
let isoPrefix = '';
function isoTime(ms) {
  const second = Math.floor(ms / 1000);
  if (!Number.isInteger(ms) || second < 0 || second >= YEAR_10000_S) return new Date(ms).toISOString();
  if (second !== isoSecond) {
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 20); // 'YYYY-MM-DDTHH:mm:ss.'
    isoSecond = second;
  }
  const milli = ms - second * 1000;
  return `${isoPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/**
 * The record of one finished (or aborted) request, from its snapshot. `config` holds the
 * record's `source` and the `redactor` (lib/redact.js).
 */
function buildRecord(raw, config) {
  const redactor = config.redactor;
  const session = raw.sessionInvalid ? { session_id: null, session_invalid: true } : { session_id: raw.sessionId };
  return {
    v: 1,
    event_id: randomUUID(),
    ...session,
    occurred_at: isoTime(raw.startedAt),
    duration_ms: Math.round(raw.durationMs * 1e3) / 1e3,
    source: config.source,
    request: {
      method: requestMethod(raw.method),
      path: redactor.text(requestPath(raw.url)), // a token in a path (/hooks/<secret>) never leaves
      route: raw.route,
      query: requestQuery(raw, redactor),
      headers: maskHeaders(raw.reqHeaders, redactor),
      ip: raw.ip === null ? null : clip(raw.ip, MAX_IP),
      ...requestBody(raw, redactor),
    },
    response: {
      status: raw.status,
      headers: maskHeaders(raw.resHeaders, redactor),
      ...finishBody(raw.resBody, raw.resBytes, raw.resTruncated, raw.resContentType, raw.resEncoding, redactor, undefined),
    },
    error: errorValue(raw, redactor),
  };
}

module.exports = { buildRecord, isoTime };
