'use strict';
// Redaction before anything leaves the process (defence in depth: the pipeline's `pii`
// transform runs again on the Python side). Credential headers are never captured, whatever
// the allowlist says; body and query paths are removed from parsed values, and masked in
// the text of a body too large to parse.

/** Headers that carry credentials: dropped even when an allowlist names them. */
const CREDENTIAL_HEADERS = Object.freeze([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
]);

/** Keys removed at any depth of bodies and query strings unless `redactPaths` replaces them. */
const DEFAULT_REDACT_PATHS = Object.freeze(
  [
    'password', 'passwd', 'secret', 'token', 'access_token', 'refresh_token', 'id_token',
    'client_secret', 'api_key', 'apikey', 'card_number', 'cvv', 'cvc',
  ].map((key) => `**.${key}`)
);

// A body nested deeper than this is not walked further; what lies below is replaced, so a
// `**` path can never be dodged by nesting.
const MAX_DEPTH = 64;
const TOO_DEEP = '[droplets: nested too deep]';

/**
 * Compile dotted paths: `user.password` (from the root), `items.*.card` (`*` = any one key or
 * array index), `**.token` (`**` = any depth, including none). Keys compare case-insensitively.
 */
function compilePaths(paths) {
  return paths.map((path) => {
    if (typeof path !== 'string' || path === '' || path.split('.').some((s) => s === '')) {
      throw new TypeError(`droplets: redactPaths entry ${JSON.stringify(path)} is not a dotted path`);
    }
    return path.toLowerCase().split('.');
  });
}

function removePath(value, segments, i, depth) {
  if (value === null || typeof value !== 'object') return;
  const segment = segments[i];
  const last = i === segments.length - 1;
  if (segment === '**') {
    removePath(value, segments, i + 1, depth);
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (child === null || typeof child !== 'object') continue;
      if (depth >= MAX_DEPTH) value[key] = TOO_DEEP;
      else removePath(child, segments, i, depth + 1);
    }
    return;
  }
  for (const key of Object.keys(value)) {
    if (segment !== '*' && key.toLowerCase() !== segment) continue;
    if (last) {
      if (Array.isArray(value)) value[key] = null; // keep indices of the others stable
      else delete value[key];
    } else if (depth < MAX_DEPTH) {
      removePath(value[key], segments, i + 1, depth + 1);
    }
  }
}

/** Remove every compiled path from a parsed value, in place; returns the value. */
function redactValue(value, compiled) {
  if (value === null || typeof value !== 'object') return value;
  for (const segments of compiled) removePath(value, segments, 0, 0);
  return value;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A masker for JSON text that could not be parsed (cut at the byte cap): the value of every
 * key that ends a redaction path is replaced, also when the cut falls inside the value.
 */
function textMasker(compiled) {
  const keys = [...new Set(compiled.map((s) => s[s.length - 1]).filter((k) => k !== '*' && k !== '**'))];
  if (keys.length === 0) return (text) => text;
  const pattern = new RegExp(
    `("(?:${keys.map(escapeRegExp).join('|')})"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*(?:"|\\\\?$)|[^,}\\]\\s]*)`,
    'gi'
  );
  return (text) => text.replace(pattern, '$1"[redacted]"');
}

/** Pick the allowlisted headers (lower-case names), never a credential header. */
function pickHeaders(headers, allow, deny) {
  const out = {};
  for (const name of allow) {
    if (deny.has(name)) continue;
    const value = headers[name];
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String) : typeof value === 'number' ? value : String(value);
  }
  return out;
}

module.exports = {
  CREDENTIAL_HEADERS,
  DEFAULT_REDACT_PATHS,
  compilePaths,
  redactValue,
  textMasker,
  pickHeaders,
};
