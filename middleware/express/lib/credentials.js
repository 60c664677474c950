'use strict';
// The credentials droplets knows, from the one list the pipeline's `pii` transform loads too:
// droplets/contract/credentials.json (header names, field names with their word rule,
// metadata words, token formats). Read from the repository when this package sits in it
// (middleware/express of a droplets checkout, or a `file:` dependency on it, which npm
// links there); a packed package carries a copy made by `prepack`
// (scripts/copy-contract.js) and checked equal to the source by test/package.test.js.
//
// Everything here is a pure function of its arguments once the file is loaded, so the
// redaction that uses it can run on any thread.
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPOSITORY_FILE = path.resolve(PACKAGE_DIR, '..', '..', 'droplets', 'contract', 'credentials.json');
const PACKED_FILE = path.join(PACKAGE_DIR, 'contract', 'credentials.json');

/** Which file to read: the repository's own when the package is middleware/express of a checkout. */
function locate() {
  const inRepository = path.basename(path.dirname(PACKAGE_DIR)) === 'middleware' && fs.existsSync(REPOSITORY_FILE);
  if (inRepository) return REPOSITORY_FILE;
  if (fs.existsSync(PACKED_FILE)) return PACKED_FILE;
  throw new Error(`@droplets/express: the credential list is missing (looked for ${REPOSITORY_FILE} and ${PACKED_FILE}); reinstall the package`);
}

function stringList(data, key, file) {
  const value = data[key];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw new Error(`@droplets/express: ${file}: "${key}" must be a list of non-empty strings`);
  }
  return value;
}

function load(file = locate()) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const tokens = data.tokens;
  if (!Array.isArray(tokens) || tokens.some((t) => !t || typeof t.kind !== 'string' || typeof t.pattern !== 'string'
    || (t.guard !== undefined && (typeof t.guard !== 'string' || !t.guard))
    || (t.guard_pattern !== undefined && (typeof t.guard_pattern !== 'string' || !t.guard_pattern)))) {
    throw new Error(`@droplets/express: ${file}: "tokens" must be a list of {kind, pattern, guard?, guard_pattern?}`);
  }
  for (const { kind, pattern, guard_pattern: guardPattern } of tokens) {
    for (const source of guardPattern === undefined ? [pattern] : [pattern, guardPattern]) {
      try {
        new RegExp(source, 'u'); // eslint-disable-line no-new
      } catch (err) {
        throw new Error(`@droplets/express: ${file}: token pattern of ${kind} is not a JavaScript regular expression: ${err.message}`);
      }
    }
  }
  return {
    file,
    headers: stringList(data, 'headers', file).map((h) => h.toLowerCase()),
    fields: stringList(data, 'fields', file),
    wholeFields: stringList(data, 'whole_fields', file),
    metadataWords: stringList(data, 'metadata_words', file),
    tokens: tokens.map(({ kind, pattern, guard, guard_pattern }) => ({ // eslint-disable-line camelcase
      kind, pattern, ...(guard === undefined ? {} : { guard }), ...(guard_pattern === undefined ? {} : { guard_pattern }),
    })),
  };
}

// --- field names: the word rule of the file's $comment -----------------------------------

const CAMEL = /([a-z0-9])([A-Z])|([A-Z]+)([A-Z][a-z])/g;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{Mn}/gu;
// Python's str.casefold, where it differs from toLowerCase on letters field names use.
const CASEFOLD = /[ßẞſς]/g;
const FOLDED = { ß: 'ss', ẞ: 'ss', ſ: 's', ς: 'σ' };

/**
 * The words of a name, as the pii transform splits it: camelCase, snake_case, kebab-case
 * and any punctuation separate lower-case words; accents are dropped (`Prénom` -> `prenom`).
 */
function words(name) {
  let text = name.length > 256 ? Array.from(name).slice(0, 256).join('') : name;
  text = text.replace(CAMEL, (m, a, b, c, d) => (a !== undefined ? `${a} ${b}` : `${c} ${d}`)).toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text)) text = text.replace(CASEFOLD, (ch) => FOLDED[ch]).normalize('NFKD').replace(MARKS, '');
  return text.split(SEPARATORS).filter(Boolean);
}

/** Terms this long also match as the end of a word written without separators (`xapikey`). */
const SUFFIX_MIN = 5;
// Kana, CJK ideographs and Hangul (syllables and, as words() decomposes them, jamo): a term in these scripts matches anywhere inside a word.
const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const ASCII = /^[\x00-\x7f]*$/;
const CACHE_MAX = 4096;

/**
 * `isCredential(name)`: the value under this field name is a credential. A name matches
 * when it is one of `wholeFields` as a whole (`clave`), or its words hold a term's words in a
 * row, or one of its words ends with a term of 5+ letters written without separators; unless
 * it has more than one word and its last word is a metadata word (`token_type`,
 * `password_updated_at`).
 */
function nameRule(fields, metadataWords, wholeFields = []) {
  const terms = [];
  const seen = new Set();
  for (const field of fields) {
    const term = words(field);
    const key = term.join(' ');
    if (term.length && !seen.has(key)) {
      seen.add(key);
      terms.push(term);
    }
  }
  const joined = [...new Set(terms.map((t) => t.join('')).filter((j) => j.length >= SUFFIX_MIN))];
  // Chinese, Japanese and Korean write a field name as one word: 카드비밀번호앞2자리 holds 비밀번호
  const cjk = [...new Set(terms.map((t) => t.join('')).filter((j) => CJK.test(j)))];
  const metadata = new Set(metadataWords.map((w) => words(w).join('')));
  const whole = new Set(wholeFields.map((w) => words(w).join(' ')));
  const decide = (name) => {
    const parts = words(name);
    if (parts.length === 0) return false;
    if (whole.has(parts.join(' '))) return true;
    if (parts.length > 1 && metadata.has(parts[parts.length - 1])) return false;
    if (matches(parts)) return true;
    // a form's numbered copies: Django's password1/password2, secret_2
    const numbered = parts.map((p) => p.replace(/[0-9]+$/, '') || p);
    if (numbered.some((p, i) => p !== parts[i]) && matches(numbered)) return true;
    // a name spelled out ("p-a-s-s-w-o-r-d"), and the end of a name too long to read whole
    if (parts.length >= 4 && parts.every((p) => p.length === 1) && matches([parts.join('')])) return true;
    return name.length > 256 && matches(words(Array.from(name).slice(-128).join('')));
  };
  const matches = (parts) => {
    for (const term of terms) {
      for (let i = 0; i + term.length <= parts.length; i += 1) {
        let all = true;
        for (let j = 0; j < term.length && all; j += 1) all = parts[i + j] === term[j];
        if (all) return true;
      }
    }
    if (parts.some((part) => joined.some((j) => part.endsWith(j)))) return true;
    return parts.some((part) => !ASCII.test(part) && cjk.some((t) => part.includes(t)));

  };
  // Field names repeat from request to request: decide each once (a bounded cache).
  const cache = new Map();
  return (name) => {
    let answer = cache.get(name);
    if (answer === undefined) {
      answer = decide(name);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(name, answer);
    }
    return answer;
  };
}

// --- token formats ------------------------------------------------------------------------

const PRIVATE_KEY = 'private_key';
const TOKEN_CHAR = /[A-Za-z0-9]/;
const SPECIAL = '[](){}?*+|^$.\\';

/** The literal characters a pattern starts with (`github_pat_`, `AIza`), and how many pattern characters they take. */
function literalPrefix(pattern) {
  let text = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length && !/[A-Za-z0-9]/.test(pattern[i + 1])) {
      text += pattern[i + 1];
      i += 2;
    } else if (SPECIAL.includes(ch)) {
      break;
    } else {
      text += ch;
      i += 1;
    }
  }
  return { text, length: i };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The literal strings a pattern can start with (`(?:sk|rk)_` -> `sk_`, `rk_`); [''] when it
 * does not start with one. A text holding none of them holds no token: the token pass
 * runs only on text that does (most strings of a body).
 */
function prefixes(pattern) {
  let found = [''];
  let i = 0;
  while (i < pattern.length) {
    if (pattern.startsWith('(?:', i)) {
      const close = pattern.indexOf(')', i);
      const branches = close < 0 ? [] : pattern.slice(i + 3, close).split('|');
      if (close < 0 || branches.some((b) => !/^\w+$/.test(b)) || '?*{'.includes(pattern[close + 1] || '#')) break;
      found = found.flatMap((f) => branches.map((b) => f + b));
      i = close + 1;
      continue;
    }
    const literal = literalPrefix(pattern.slice(i));
    if (!literal.text) break;
    let text = literal.text;
    if ('?*{'.includes(pattern[i + literal.length] || '#')) text = text.slice(0, -1); // the last character is optional
    found = found.map((f) => f + text);
    i += literal.length;
    if (i < pattern.length && !pattern.startsWith('(?:', i)) break;
  }
  return found;
}

const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PUTTY_END = /Private-MAC: ?[0-9a-fA-F]+/g;
const PEM_MAX = 16384; // an 8192-bit RSA key in PEM is about 6.5 KB
const BASE64ISH = /[A-Za-z0-9+/=\s]/;

/**
 * `maskTokens(text)`: every token of a listed format replaced by `[<kind>]`; a private key
 * from its header to its END line (or the end of the text, when it was cut), and a key body
 * whose header was cut off up to its END line.
 */
function tokenMasker(tokens) {
  // Longer literal prefixes first: `sk-ant-` is an Anthropic key before it is an OpenAI `sk-` key.
  const order = tokens.map((t, i) => i).sort((a, b) => literalPrefix(tokens[b].pattern).text.length - literalPrefix(tokens[a].pattern).text.length);
  const all = new RegExp(order.map((i) => `(?<t${i}>${tokens[i].pattern})`).join('|'), 'gu');
  // A format that starts with a class names a literal every match holds (its guard), or a
  // pattern when no literal is in every match (a Discord bot token's `.<6>.<27>`).
  const starts = tokens.flatMap((t) => (t.guard_pattern ? [] : t.guard ? [t.guard] : prefixes(t.pattern)));
  const guardPatterns = tokens.filter((t) => t.guard_pattern).map((t) => t.guard_pattern);
  const guard = starts.includes('') ? null : new RegExp([
    ...[...new Set(starts)].sort((a, b) => b.length - a.length).map(escapeRegExp), ...guardPatterns,
  ].join('|'), 'u');
  const keyPatterns = tokens.filter((t) => t.kind === PRIVATE_KEY).map((t) => t.pattern);
  const keyBegin = keyPatterns.length ? new RegExp(keyPatterns.map((p) => `(?:${p})`).join('|'), 'gu') : null;

  const replaceToken = (match, ...rest) => {
    const groups = rest[rest.length - 1];
    const offset = rest[rest.length - 3];
    const text = rest[rest.length - 2];
    const end = offset + match.length;
    if ((offset > 0 && TOKEN_CHAR.test(text[offset - 1])) || (end < text.length && TOKEN_CHAR.test(text[end]))) return match; // part of a longer word
    for (const name in groups) if (groups[name] !== undefined) return `[${tokens[Number(name.slice(1))].kind}]`;
    return match;
  };

  // Each search runs once over the text: its result is kept until the walk passes it (a
  // text of thousands of headers or END lines stays linear).
  const privateKeys = (text) => {
    const mask = `[${PRIVATE_KEY}]`;
    const next = (re, from, found) => {
      if (found !== undefined && (found === null || found.index >= from)) return found;
      re.lastIndex = from;
      return re.exec(text);
    };
    let out = '';
    let pos = 0;
    let begin;
    let end;
    for (;;) {
      begin = next(keyBegin, pos, begin);
      end = next(PEM_END, pos, end);
      if (end && (!begin || end.index < begin.index)) {
        // a body whose header was cut off: the base64 (real or \n-escaped newlines) before END
        let start = end.index;
        const floor = Math.max(pos, end.index - PEM_MAX);
        while (start > floor) {
          const ch = text[start - 1];
          if (BASE64ISH.test(ch)) start -= 1;
          else if ((ch === 'n' || ch === 'r') && text[start - 2] === '\\') start -= 2;
          else break;
        }
        out += text.slice(pos, start) + mask;
        pos = end.index + end[0].length;
        continue;
      }
      if (!begin) break;
      out += text.slice(pos, begin.index) + mask;
      const from = begin.index + begin[0].length;
      if (begin[0].startsWith('PuTTY')) {
        PUTTY_END.lastIndex = from;
        const close = PUTTY_END.exec(text);
        pos = close && close.index - from <= PEM_MAX ? close.index + close[0].length : text.length;
      } else {
        end = next(PEM_END, from, end);
        pos = end && end.index - from <= PEM_MAX ? end.index + end[0].length : text.length;
      }
    }
    return out + text.slice(pos);
  };

  return (text) => {
    let out = text;
    if (keyBegin && (out.includes('PRIVATE KEY') || out.includes('PuTTY-User-Key-File'))) out = privateKeys(out);
    if (guard === null || guard.test(out)) out = out.replace(all, replaceToken);
    return out;
  };
}

let loaded;
/** The list, loaded once (the first redaction needs it; a missing or bad file fails then, loudly). */
function credentials() {
  if (loaded === undefined) {
    const list = load();
    loaded = Object.freeze({
      ...list,
      isCredential: nameRule(list.fields, list.metadataWords, list.wholeFields),
      maskTokens: tokenMasker(list.tokens),
    });
  }
  return loaded;
}

module.exports = { credentials, load, words, nameRule, tokenMasker, locate, REPOSITORY_FILE, PACKED_FILE };
