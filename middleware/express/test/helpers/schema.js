'use strict';
// The shared record JSON Schema, read from the repository (droplets/contract/record-v1.json):
// the same file the Python side validates with, never a copy.
const fs = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SCHEMA_PATH = path.join(REPO_ROOT, 'droplets', 'contract', 'record-v1.json');

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')));

/** Throws with ajv's errors when `record` is not a valid version-1 record. */
function assertValidRecord(record) {
  if (!validate(record)) {
    throw new Error(`record does not match ${SCHEMA_PATH}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(record, null, 2)}`);
  }
  return record;
}

module.exports = { assertValidRecord, REPO_ROOT };
