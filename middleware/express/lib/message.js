'use strict';
// The SQS message contract (droplets/contract/message-v1.json is its definition; the Python
// consumer reads that file, and test/message-contract.test.js fails if these values differ
// from it). Mirrored here rather than read from the repository at run time, so the npm
// package works wherever it is installed.
//
// Unpacked message: no format attribute, the body is one record (every producer before packing).
// Packed message: FORMAT_ATTRIBUTE = PACKED_FORMAT, the body is records as compact JSON, one per
// line, joined by SEPARATOR. JSON.stringify never writes a raw line feed (inside strings it is
// the escape \n), so a line feed can only be a separator; each line is byte for byte the body
// the record would have had unpacked.

const FORMAT_ATTRIBUTE = 'droplets-format';
const FORMAT_DATA_TYPE = 'String';
const PACKED_FORMAT = 'ndjson-v1';
const SEPARATOR = '\n';
const SEPARATOR_BYTES = 1;
// The default budget of one packed message, counted as SQS counts a message (body plus each
// attribute's name, data type and value): one 64 KiB billing chunk, a quarter of the 256 KiB
// limit, so four fill a SendMessageBatch call.
const MAX_MESSAGE_BYTES = 64 * 1024;
const SQS_MAX_MESSAGE_BYTES = 256 * 1024;
const SQS_MAX_BATCH_BYTES = 256 * 1024;
const SQS_MAX_BATCH_ENTRIES = 10;
const SQS_BILLING_CHUNK_BYTES = 64 * 1024;

// The attributes every packed message carries (SendMessageBatch entry shape), and what they
// add to its size.
const PACKED_ATTRIBUTES = Object.freeze({
  [FORMAT_ATTRIBUTE]: Object.freeze({ DataType: FORMAT_DATA_TYPE, StringValue: PACKED_FORMAT }),
});
const PACKED_ATTRIBUTE_BYTES = Buffer.byteLength(FORMAT_ATTRIBUTE) + Buffer.byteLength(FORMAT_DATA_TYPE) + Buffer.byteLength(PACKED_FORMAT);

module.exports = {
  FORMAT_ATTRIBUTE,
  FORMAT_DATA_TYPE,
  PACKED_FORMAT,
  SEPARATOR,
  SEPARATOR_BYTES,
  MAX_MESSAGE_BYTES,
  SQS_MAX_MESSAGE_BYTES,
  SQS_MAX_BATCH_BYTES,
  SQS_MAX_BATCH_ENTRIES,
  SQS_BILLING_CHUNK_BYTES,
  PACKED_ATTRIBUTES,
  PACKED_ATTRIBUTE_BYTES,
};
