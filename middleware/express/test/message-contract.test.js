'use strict';
// lib/message.js mirrors the SQS message contract whose definition is
// droplets/contract/message-v1.json (the file the Python consumer reads): this test fails as
// soon as the two disagree.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const droplets = require('..');
const message = require('../lib/message');
const { REPO_ROOT } = require('./helpers/schema');

const CONTRACT = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'droplets', 'contract', 'message-v1.json'), 'utf8'));

test('the middleware packs exactly as droplets/contract/message-v1.json says', () => {
  // GIVEN the contract file and the middleware's mirror of it
  // THEN every value the middleware sends or sizes by is the contract's
  assert.equal(CONTRACT.version, 1);
  assert.equal(message.FORMAT_ATTRIBUTE, CONTRACT.format_attribute);
  assert.equal(message.FORMAT_DATA_TYPE, CONTRACT.format_data_type);
  assert.equal(message.PACKED_FORMAT, CONTRACT.packed_format);
  assert.equal(message.SEPARATOR, CONTRACT.separator);
  assert.equal(message.SEPARATOR_BYTES, Buffer.byteLength(CONTRACT.separator));
  assert.equal(message.MAX_MESSAGE_BYTES, CONTRACT.max_message_bytes);
  assert.equal(message.SQS_MAX_MESSAGE_BYTES, CONTRACT.sqs.max_message_bytes);
  assert.equal(message.SQS_MAX_BATCH_BYTES, CONTRACT.sqs.max_batch_bytes);
  assert.equal(message.SQS_MAX_BATCH_ENTRIES, CONTRACT.sqs.max_batch_entries);
  assert.equal(message.SQS_BILLING_CHUNK_BYTES, CONTRACT.sqs.billing_chunk_bytes);
  // AND the attribute a pack carries, and what it adds to a message's size, follow from them
  assert.deepEqual(message.PACKED_ATTRIBUTES, { [CONTRACT.format_attribute]: { DataType: CONTRACT.format_data_type, StringValue: CONTRACT.packed_format } });
  assert.equal(message.PACKED_ATTRIBUTE_BYTES, Buffer.byteLength(CONTRACT.format_attribute + CONTRACT.format_data_type + CONTRACT.packed_format));
  // AND the middleware's defaults are the contract's budget, within SQS's limits
  assert.equal(droplets.DEFAULTS.pack, true);
  assert.equal(droplets.DEFAULTS.maxPackBytes, CONTRACT.max_message_bytes);
  assert.ok(droplets.DEFAULTS.maxBatchBytes <= CONTRACT.sqs.max_batch_bytes);
  assert.ok(droplets.DEFAULTS.maxMessageBytes <= CONTRACT.sqs.max_message_bytes);
});
