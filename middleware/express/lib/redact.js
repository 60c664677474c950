'use strict';
// Redaction before anything leaves the process: credentials never do (the pipeline's `pii`
// transform runs again on the Python side, and also strips personal data). What counts as
// a credential is read from droplets/contract/credentials.json, the list `pii` loads too
// (lib/credentials.js):
//
// - headers named there are never captured, whatever the allowlists say, nor is a header
//   whose name is a credential field name;
// - in bodies and the query, at any depth, the value of a field whose name is a credential
//   (the list's word rule: `password`, `newPassword`, `x-api-key`, `client_secret`, but not
//   `token_count`) becomes "[redacted]" (booleans and nulls, which hold no secret, stay),
//   and so does anything under an explicit `redactPaths` path;
// - in every string (body values, text bodies, header values, the path, error messages)
//   `name=value` pairs under a credential name are masked, and tokens of the listed formats
//   become `[<kind>]` (`[stripe_key]`, `[private_key]`), as `pii` writes them.
//
// Everything here is a pure function of a value (and of the configuration), so that it
// can run on another thread.
const { credentials } = require('./credentials');

const REDACTED = '[redacted]';

// Strings repeat from request to request (header values, a user agent, the values of a
// body's enumerations): the masked form of a short one is kept, in a bounded map per
// Redactor, and looked up rather than scanned again. Masking is a pure function of the
// string and the configuration, so the answer is the same either way.
const MEMO_MAX_LENGTH = 256;
const MEMO_MAX_ENTRIES = 4096;

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
  /** `paths`: the explicit `redactPaths`; `list`: the credential list (lib/credentials.js). */
  constructor(paths, list = credentials()) {
    this.isCredential = list.isCredential;
    this.maskTokens = list.maskTokens;
    this.paths = paths.map((path) => {
      const segments = typeof path === 'string' ? path.toLowerCase().split('.') : null;
      if (!segments || path === '' || segments.some((s) => s === '') || segments[segments.length - 1] === '**') {
        throw new TypeError(`droplets: redactPaths entry ${JSON.stringify(path)} is not a dotted path ending in a key or *`);
      }
      return segments;
    });
    this.states = new Map();
    this.root = this.paths.length ? this._state(this.paths.map((_, p) => [p, 0])) : null;
    this.masked = new Map(); // maskString's answers for short strings (see MEMO_MAX_LENGTH)
    this.maskedText = new Map(); // text()'s
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

  /** Redact a parsed JSON value in place; returns the value. */
  inPlace(value) {
    if (typeof value === 'string') return this.maskString(value);
    if (value !== null && typeof value === 'object') this._walk(value, this.root, 0);
    return value;
  }

  /** Whether the value under `key` goes: an explicit path ends there, or the name is a credential. */
  _masks(step, key, child) {
    if (step !== null && step.remove) return child !== undefined;
    return this.isCredential(key) && child !== null && child !== undefined && typeof child !== 'boolean';
  }

  // The values walked are parsed JSON (or querystring's, copied): arrays are dense and have no
  // other keys, so they are walked by index (Object.keys of an array makes a string per index,
  // and each read by a string key takes V8's slow path). A value is written back only when
  // masking changed it: most are left as they are, and a store costs more than a compare.
  _walk(value, state, depth) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const step = state ? this.step(state, String(i)) : null;
        if (step !== null && step.remove) value[i] = REDACTED;
        else this._child(value, i, value[i], step, depth);
      }
      return;
    }
    for (const key of Object.keys(value)) {
      const step = state ? this.step(state, key) : null;
      const child = value[key];
      if (this._masks(step, key, child)) value[key] = REDACTED;
      else this._child(value, key, child, step, depth);
    }
  }

  /** A member not removed: a string masked, an object or array walked. */
  _child(value, key, child, step, depth) {
    if (typeof child === 'string') {
      const masked = this.maskString(child);
      if (masked !== child) value[key] = masked;
    } else if (child !== null && typeof child === 'object') {
      if (depth >= MAX_DEPTH) value[key] = TOO_DEEP;
      else this._walk(child, step ? step.next : null, depth + 1);
    }
  }

  /**
   * A redacted copy of an app's value (req.body, req.query) in JSON terms: what
   * JSON.stringify would keep, redacted. The app's own object is never changed.
   */
  copy(value) {
    return this._copy(value, this.root, 0);
  }

  _copy(value, state, depth) {
    if (value === null) return null;
    switch (typeof value) {
      case 'string':
        return this.maskString(value);
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
        const item = step && step.remove ? REDACTED : this._copy(value[i], step ? step.next : null, depth + 1);
        out[i] = item === undefined ? null : item;
      }
      return out;
    }
    const out = {};
    for (const key of Object.keys(value)) {
      const step = state ? this.step(state, key) : null;
      const child = value[key];
      if (this._masks(step, key, child) && typeof child !== 'function' && typeof child !== 'symbol') {
        out[key] = REDACTED;
        continue;
      }
      const item = this._copy(child, step ? step.next : null, depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }

  /** A string value: credential `name=value` pairs and token formats masked, also %-encoded ones. */
  maskString(text) {
    if (text.length > MEMO_MAX_LENGTH) return this._maskString(text);
    let out = this.masked.get(text);
    if (out === undefined) {
      out = this._maskString(text);
      if (this.masked.size >= MEMO_MAX_ENTRIES) this.masked.clear();
      this.masked.set(text, out);
    }
    return out;
  }

  _maskString(text) {
    let out = text.includes('=') ? this.maskPairs(text) : text;
    if (out.includes('%')) out = out.replace(URL_RUN, (run) => (run.includes('%') ? this._maskEncoded(run) : run));
    return this.maskTokens(out);
  }

  // A %-encoded run (a webhook URL in a path segment or a query value of a Referer):
  // decoded, and replaced by its masked form when it held a token.
  _maskEncoded(run) {
    let decoded;
    try {
      decoded = decodeURIComponent(run);
    } catch {
      return run;
    }
    const masked = this.maskTokens(decoded);
    return masked === decoded ? run : masked;
  }

  /** `name=value` pairs (URLs, form bodies, prose) whose name is a credential: the value masked. */
  maskPairs(text) {
    return text.replace(PAIR, (whole, lead, name, value) => {
      if (value === '' || value === REDACTED || value === ENCODED_REDACTED || !this.isCredential(decodeName(name))) return whole;
      return `${lead}${name}=${REDACTED}`;
    });
  }

  /**
   * Free text: a text body, a JSON body cut at the cap (which cannot be parsed), a header
   * value, the path, an error message. The values of `"name": value` members under a
   * credential name or an explicit path's last key are masked, also when the cut falls
   * inside the value; then pairs and tokens as in any string.
   */
  text(text) {
    if (typeof text !== 'string' || text === '') return text;
    if (text.length > MEMO_MAX_LENGTH) return this._text(text);
    let out = this.maskedText.get(text);
    if (out === undefined) {
      out = this._text(text);
      if (this.maskedText.size >= MEMO_MAX_ENTRIES) this.maskedText.clear();
      this.maskedText.set(text, out);
    }
    return out;
  }

  _text(text) {
    const out = text.includes('"') ? maskMembers(text, (key) => this._secretKey(key)) : text;
    return this._maskString(out);
  }

  _secretKey(key) {
    const name = key.includes('\\') ? unescapeJson(key) : key;
    return this.isCredential(name) || (this.lastKeys.size > 0 && this.lastKeys.has(name.toLowerCase()));
  }

  /** Key names that end an explicit path: what the text masker looks for besides credential names. */
  get lastKeys() {
    if (this._lastKeys === undefined) {
      this._lastKeys = new Set(this.paths.map((s) => s[s.length - 1]).filter((k) => k !== '*' && k !== '**'));
    }
    return this._lastKeys;
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const MAX_KEY = 256;

function isSpace(code) {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Index of the quote that closes the string opened at `open`, or -1 when the text ends first. */
function closingQuote(text, open) {
  let at = open + 1;
  for (;;) {
    at = text.indexOf('"', at);
    if (at === -1) return -1;
    let slashes = 0;
    for (let k = at - 1; text.charCodeAt(k) === BACKSLASH; k -= 1) slashes += 1;
    if (slashes % 2 === 0) return at;
    at += 1;
  }
}

/**
 * `"name": value` members of JSON text (also of JSON cut anywhere, and of JSON inside other
 * text) whose name `isSecret`: a string or bare value becomes "[redacted]", also a string
 * the cut ended inside; null, true and false stay. A scan from quote to quote (indexOf),
 * linear in the text and light enough for every text body.
 */
function maskMembers(text, isSecret) {
  let out = '';
  let last = 0;
  let open = text.indexOf('"');
  while (open !== -1) {
    const close = closingQuote(text, open);
    if (close === -1) break;
    let at = close + 1;
    while (at < text.length && isSpace(text.charCodeAt(at))) at += 1;
    if (text.charCodeAt(at) !== COLON) {
      open = text.indexOf('"', close + 1); // a value, or a string of other text
      continue;
    }
    if (close - open - 1 > MAX_KEY || !isSecret(text.slice(open + 1, close))) {
      open = text.indexOf('"', at + 1);
      continue;
    }
    let start = at + 1;
    while (start < text.length && isSpace(text.charCodeAt(start))) start += 1;
    let end;
    if (text.charCodeAt(start) === QUOTE) {
      const valueClose = closingQuote(text, start);
      end = valueClose === -1 ? text.length : valueClose + 1;
    } else {
      end = start;
      while (end < text.length && !',}]'.includes(text[end]) && !isSpace(text.charCodeAt(end))) end += 1;
      const bare = text.slice(start, end);
      if (bare === '' || bare[0] === '{' || bare[0] === '[' || bare === 'null' || bare === 'true' || bare === 'false') {
        open = text.indexOf('"', at + 1); // a container's members are looked at one by one
        continue;
      }
    }
    out += `${text.slice(last, start)}"${REDACTED}"`;
    last = end;
    open = end < text.length ? text.indexOf('"', end) : -1;
  }
  return last === 0 ? text : out + text.slice(last);
}

// `name=value` after a start, `?`, `&`, `;`, a space or a quote: the first pair of a URL included.
const PAIR = /(^|[?&;\s"'(,])([A-Za-z0-9_.[\]%-]{1,128})=([^&#\s"'<>;,)]*)/g;
const ENCODED_REDACTED = encodeURIComponent(REDACTED);
// A run of URL text between the delimiters of a URL (those holding a %-escape are decoded).
const URL_RUN = /[^\s/?&=#;"'<>,]+/g;

function decodeName(name) {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function unescapeJson(key) {
  try {
    return JSON.parse(`"${key}"`);
  } catch {
    return key;
  }
}

/** Headers never captured: the list's, the app's `redactHeaders`, and any named like a credential. */
function deniedHeaders(allowed, extra, list = credentials()) {
  const deny = new Set([...list.headers, ...extra]);
  for (const name of allowed) if (list.isCredential(name)) deny.add(name);
  return deny;
}

/** Pick the allowlisted headers (lower-case names), never a denied one; values masked like free text. */
function pickHeaders(headers, allow, deny, redactor) {
  const out = {};
  for (const name of allow) {
    if (deny.has(name)) continue;
    const value = headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) out[name] = value.map((v) => redactor.text(String(v)));
    else out[name] = typeof value === 'number' ? value : redactor.text(String(value));
  }
  return out;
}

module.exports = {
  REDACTED,
  MEMO_MAX_LENGTH,
  MEMO_MAX_ENTRIES,
  Redactor,
  deniedHeaders,
  pickHeaders,
};
