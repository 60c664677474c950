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
const OTHER = Symbol('any other key');

/**
 * Dotted paths, `user.password` (from the root), `items.*.card` (`*` = any one key or array
 * index), `**.token` (`**` = any depth, including none), compiled into one matcher that
 * walks a value once whatever the number of paths. Keys compare case-insensitively.
 *
 * The matcher is a lazily built DFA: a state is the set of (path, segment) positions still
 * alive at a node; its transitions for each literal key (and for "any other key") are
 * computed once and cached, so the walk costs a map look-up per key.
 */
class Redactor {
  constructor(paths) {
    this.paths = paths.map((path) => {
      const segments = typeof path === 'string' ? path.toLowerCase().split('.') : null;
      if (!segments || path === '' || segments.some((s) => s === '') || segments[segments.length - 1] === '**') {
        throw new TypeError(`droplets: redactPaths entry ${JSON.stringify(path)} is not a dotted path ending in a key or *`);
      }
      return segments;
    });
    this.states = new Map();
    this.root = this.paths.length ? this._state(this.paths.map((_, p) => [p, 0])) : null;
  }

  // Positions after `**` also stand where `**` matched no level at all.
  _state(positions) {
    const closed = [];
    const seen = new Set();
    const add = ([p, i]) => {
      const id = `${p}:${i}`;
      if (seen.has(id)) return;
      seen.add(id);
      closed.push([p, i]);
      if (this.paths[p][i] === '**') add([p, i + 1]);
    };
    positions.forEach(add);
    const id = [...seen].sort().join(',');
    let state = this.states.get(id);
    if (!state) {
      const literals = new Set(closed.map(([p, i]) => this.paths[p][i]).filter((s) => s !== '*' && s !== '**'));
      state = { positions: closed, literals, steps: new Map() };
      this.states.set(id, state);
    }
    return state;
  }

  /** `{remove, next}` for a key at a node in `state`; next is null when no path goes on. */
  step(state, key) {
    const token = state.literals.has(key) ? key : state.literals.size && state.literals.has(key.toLowerCase()) ? key.toLowerCase() : OTHER;
    let step = state.steps.get(token);
    if (step) return step;
    let remove = false;
    const next = [];
    for (const [p, i] of state.positions) {
      const segment = this.paths[p][i];
      if (segment === '**') next.push([p, i]);
      else if (segment === '*' || segment === token) {
        if (i === this.paths[p].length - 1) remove = true;
        else next.push([p, i + 1]);
      }
    }
    step = { remove, next: next.length ? this._state(next) : null };
    state.steps.set(token, step);
    return step;
  }

  /** Remove every path from a parsed JSON value, in place; returns the value. */
  inPlace(value) {
    if (this.root && value !== null && typeof value === 'object') this._walk(value, this.root, 0);
    return value;
  }

  _walk(value, state, depth) {
    const isArray = Array.isArray(value);
    for (const key of Object.keys(value)) {
      const { remove, next } = this.step(state, key);
      if (remove) {
        if (isArray) value[key] = null; // keep the indices of the others stable
        else delete value[key];
        continue;
      }
      const child = value[key];
      if (next === null || child === null || typeof child !== 'object') continue;
      if (depth >= MAX_DEPTH) value[key] = TOO_DEEP;
      else this._walk(child, next, depth + 1);
    }
  }

  /**
   * A redacted copy of an app's value (req.body, req.query) in JSON terms: what
   * JSON.stringify would keep, minus the paths. The app's own object is never changed.
   */
  copy(value) {
    return this._copy(value, this.root, 0);
  }

  _copy(value, state, depth) {
    if (value === null) return null;
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'object':
        break;
      default:
        return undefined; // functions, symbols, undefined: JSON leaves them out
    }
    if (typeof value.toJSON === 'function') return this._copy(value.toJSON(), state, depth);
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) {
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i += 1) {
        const step = state ? this.step(state, String(i)) : null;
        const item = step && step.remove ? null : this._copy(value[i], step ? step.next : null, depth + 1);
        out[i] = item === undefined ? null : item;
      }
      return out;
    }
    const out = {};
    for (const key of Object.keys(value)) {
      const step = state ? this.step(state, key) : null;
      if (step && step.remove) continue;
      const item = this._copy(value[key], step ? step.next : null, depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }

  /** Key names that end a path: what a text masker looks for. */
  get lastKeys() {
    return [...new Set(this.paths.map((s) => s[s.length - 1]).filter((k) => k !== '*' && k !== '**'))];
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A masker for JSON text that could not be parsed (cut at the byte cap): the value of every
 * key that ends a redaction path is replaced, also when the cut falls inside the value.
 */
function textMasker(redactor) {
  const keys = redactor.lastKeys;
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
  Redactor,
  textMasker,
  pickHeaders,
};
