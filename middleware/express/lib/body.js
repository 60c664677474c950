'use strict';
// Body capture: the first `cap` bytes of what the app writes are kept (copied, since a
// caller may reuse its buffer once the write is done), every byte is counted, and the kept
// bytes become a record value according to the content type.

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b|^[\w.+-]+\/[\w.+-]+\+json\b/i;
const TEXT_TYPE = /^text\/|^application\/(?:[\w.+-]+\+)?(?:xml|javascript|x-www-form-urlencoded|graphql)\b|\+xml\b/i;

class BodyCapture {
  constructor(cap) {
    this.cap = cap;
    this.chunks = [];
    this.kept = 0;
    this.bytes = 0;
  }

  /** Count a chunk passed to `res.write`/`res.end`, keeping what fits under the cap. */
  add(chunk, encoding) {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const enc = typeof encoding === 'string' ? encoding : 'utf8';
    if (typeof chunk === 'string') {
      const size = Buffer.byteLength(chunk, enc);
      this.bytes += size;
      const room = this.cap - this.kept;
      if (room <= 0 || size === 0) return;
      // A UTF-8 string needs at most `room` characters to yield `room` bytes: avoid
      // encoding a huge string only to throw most of it away.
      const part = enc === 'utf8' || enc === 'utf-8' ? chunk.slice(0, room) : chunk;
      this._keep(Buffer.from(part, enc), room);
    } else if (chunk instanceof Uint8Array) {
      this.bytes += chunk.byteLength;
      const room = this.cap - this.kept;
      if (room > 0 && chunk.byteLength > 0) this._keep(chunk, room);
    }
  }

  _keep(bytes, room) {
    const slice = bytes.subarray(0, Math.min(room, bytes.byteLength));
    this.chunks.push(Buffer.from(slice)); // a copy, never a view into the caller's buffer
    this.kept += slice.byteLength;
  }

  get truncated() {
    return this.bytes > this.kept;
  }

  buffer() {
    return Buffer.concat(this.chunks, this.kept);
  }
}

function mediaType(contentType) {
  return typeof contentType === 'string' ? contentType.split(';')[0].trim().toLowerCase() : '';
}

function charsetOf(contentType) {
  const match = typeof contentType === 'string' && /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return match ? match[1].toLowerCase() : 'utf-8';
}

const NATIVE_CHARSETS = new Map([['utf-8', 'utf8'], ['utf8', 'utf8'], ['us-ascii', 'latin1'], ['iso-8859-1', 'latin1'], ['latin1', 'latin1']]);

function decodeText(bytes, contentType) {
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
 * would be compressed: see the README on mount order). Returns `{body, json}`; `json` tells
 * that `body` is a parsed value the redaction paths apply to.
 */
function bodyValue(bytes, truncated, contentType, contentEncoding) {
  if (bytes.byteLength === 0) return { body: null, json: false };
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
