'use strict';
// Body capture: the first `cap` bytes of what the app writes are kept (copied, since a
// caller may reuse its buffer once the write is done), every byte is counted, and the kept
// bytes become a record value according to the content type.
//
// Kept bytes are copied once, as Node copies small Buffers (Buffer.allocUnsafe: a slice of its
// shared pool below 4 KiB, no memory of their own to allocate and later collect); the hand-off
// to the worker copies a batch's bodies into one memory of its own, which it transfers
// (lib/worker-pipeline.js, postSnapshots).

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b|^[\w.+-]+\/[\w.+-]+\+json\b/i;
const TEXT_TYPE = /^text\/|^application\/(?:[\w.+-]+\+)?(?:xml|javascript|x-www-form-urlencoded|graphql)\b|\+xml\b/i;

class BodyCapture {
  constructor(cap) {
    this.cap = cap;
    this.parts = null; // UTF-8 strings as written (immutable: no copy needed) or copied Buffers
    this.kept = 0; // bytes in parts (a string part may run past the cap; content() cuts it)
    this.bytes = 0;
  }

  /** Count a chunk passed to `res.write`/`res.end`, keeping what fits under the cap. */
  add(chunk, encoding) {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const room = this.cap - this.kept;
    if (typeof chunk === 'string') {
      const enc = typeof encoding === 'string' ? encoding : 'utf8';
      const size = Buffer.byteLength(chunk, enc);
      this.bytes += size;
      if (room <= 0 || size === 0) return;
      if (enc === 'utf8' || enc === 'utf-8') {
        // At most `room` characters give at least `room` bytes: never keep more of a huge string.
        const part = chunk.length > room ? chunk.slice(0, room) : chunk;
        this._push(part, part === chunk ? size : Buffer.byteLength(part));
      } else {
        const bytes = Buffer.from(chunk, enc);
        this._push(ownCopy(bytes.subarray(0, room)), Math.min(room, bytes.byteLength));
      }
    } else if (chunk instanceof Uint8Array) {
      this.bytes += chunk.byteLength;
      if (room <= 0 || chunk.byteLength === 0) return;
      // A copy, never a view into the caller's buffer (it may reuse it once written).
      this._push(ownCopy(chunk.byteLength > room ? chunk.subarray(0, room) : chunk), Math.min(room, chunk.byteLength));
    }
  }

  _push(part, size) {
    if (this.parts === null) this.parts = [];
    this.parts.push(part);
    this.kept += size;
  }

  get truncated() {
    return this.bytes > this.cap;
  }

  /** What was kept: a string when the app wrote UTF-8 strings only, else a Buffer (a copy,
   * see above); at most `cap` bytes. */
  content() {
    const parts = this.parts || [];
    if (parts.every((p) => typeof p === 'string') && this.kept <= this.cap) return parts.join('');
    if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0]; // a copy already, within the cap
    const buffers = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
    const size = Math.min(this.cap, buffers.reduce((sum, b) => sum + b.byteLength, 0));
    const out = Buffer.allocUnsafe(size);
    let offset = 0;
    for (const b of buffers) {
      if (offset >= size) break;
      offset += b.copy(out, offset, 0, Math.min(b.byteLength, size - offset));
    }
    return out;
  }
}

/** A copy of `bytes` (see above). */
function ownCopy(bytes) {
  const out = Buffer.allocUnsafe(bytes.byteLength);
  out.set(bytes);
  return out;
}

// A handful of distinct Content-Type values per app: parse each once.
const mediaTypes = new Map();
function mediaType(contentType) {
  if (typeof contentType !== 'string') return '';
  let type = mediaTypes.get(contentType);
  if (type === undefined) {
    type = contentType.split(';')[0].trim().toLowerCase();
    if (mediaTypes.size < 256) mediaTypes.set(contentType, type);
  }
  return type;
}

function charsetOf(contentType) {
  const match = typeof contentType === 'string' && /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return match ? match[1].toLowerCase() : 'utf-8';
}

const NATIVE_CHARSETS = new Map([['utf-8', 'utf8'], ['utf8', 'utf8'], ['us-ascii', 'latin1'], ['iso-8859-1', 'latin1'], ['latin1', 'latin1']]);

function decodeText(bytes, contentType) {
  if (typeof bytes === 'string') return bytes; // the app wrote text; Node sent it as UTF-8
  const charset = charsetOf(contentType);
  const native = NATIVE_CHARSETS.get(charset);
  if (native) return bytes.toString(native);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8'); // an unknown charset label
  }
}

/**
 * The record value of captured bytes: parsed JSON for a JSON type (text if it does not
 * parse), text for a text type, and null for anything binary or content-encoded (the bytes
 * would be compressed: see docs/middleware.md on mount order). Returns `{body, json}`; `json` tells
 * that `body` is a parsed value the redaction paths apply to.
 */
function bodyValue(bytes, truncated, contentType, contentEncoding) {
  if (bytes.length === 0) return { body: null, json: false };
  if (contentEncoding && String(contentEncoding).toLowerCase() !== 'identity') return { body: null, json: false };
  const type = mediaType(contentType);
  if (JSON_TYPE.test(type)) {
    const text = decodeText(bytes, contentType);
    if (!truncated) {
      try {
        return { body: JSON.parse(text), json: true };
      } catch {
        return { body: text, json: false };
      }
    }
    return { body: text, json: false };
  }
  if (TEXT_TYPE.test(type)) return { body: decodeText(bytes, contentType), json: false };
  return { body: null, json: false };
}

module.exports = { BodyCapture, bodyValue, mediaType, JSON_TYPE, TEXT_TYPE };
