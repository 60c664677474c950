'use strict';
// The session-ID rule, copied from droplets/contract/session-id.json (this package ships on
// its own; tests/test_session_rule.py fails if the copy differs): valid when it matches
// SESSION_ID_RE and is not "_nosession", the index's own
// partition for calls without a session. An invalid ID is never rejected: it is recorded as
// null with session_invalid: true, so raw client input never reaches an S3 key.
const cookie = require('cookie');

const SESSION_ID_RE = /^[A-Za-z0-9_-]{8,128}$/;
const NO_SESSION = '_nosession';

function isValidSessionId(value) {
  return typeof value === 'string' && value !== NO_SESSION && SESSION_ID_RE.test(value);
}

function cookieValue(req, name, headers) {
  // cookie-parser, when it ran, has already done the work (and knows about signed cookies).
  if (req.cookies && typeof req.cookies[name] === 'string') return req.cookies[name];
  const header = headers.cookie;
  if (typeof header !== 'string' || !header.includes(name)) return undefined;
  return cookie.parse(header)[name];
}

/**
 * The session fields of a record: `{session_id}` or `{session_id: null, session_invalid: true}`.
 * `header` is lower-case (Node lower-cases incoming header names); the header wins over the
 * cookie when both are present.
 */
function sessionOf(req, { header, cookieName }, headers = req.headers) {
  let raw = header ? headers[header] : undefined;
  if (raw === undefined && cookieName) raw = cookieValue(req, cookieName, headers);
  if (raw === undefined || raw === '') return { session_id: null };
  if (isValidSessionId(raw)) return { session_id: raw };
  return { session_id: null, session_invalid: true };
}

module.exports = { SESSION_ID_RE, NO_SESSION, isValidSessionId, sessionOf };
