'use strict';
// A stand-in for SQSClient#send whose behaviour a test chooses per call: succeed, fail some
// entries, reject, hang (honouring the AbortSignal or not) or throw synchronously. Moto
// cannot fail on demand, so these paths are tested here; the happy path also runs against
// a moto server (moto.test.js).
const { FORMAT_ATTRIBUTE, PACKED_FORMAT, SEPARATOR } = require('../../lib/message');

/** The records of one SendMessageBatch entry, packed (NDJSON with the format attribute) or not. */
function recordsOf(entry) {
  const format = entry.MessageAttributes && entry.MessageAttributes[FORMAT_ATTRIBUTE];
  if (!format) return [JSON.parse(entry.MessageBody)];
  if (format.StringValue !== PACKED_FORMAT) throw new Error(`fake SQS: unknown format ${format.StringValue}`);
  return entry.MessageBody.split(SEPARATOR).map((line) => JSON.parse(line));
}

/** The size of an entry as SQS counts it against its limits: body, and each attribute's name, data type and value. */
function sqsBytes(entry) {
  let bytes = Buffer.byteLength(entry.MessageBody);
  for (const [name, value] of Object.entries(entry.MessageAttributes || {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + Buffer.byteLength(value.StringValue || '');
  }
  return bytes;
}

class FakeSqs {
  constructor(behaviour = 'ok') {
    this.behaviour = behaviour; // a string, or a function (entries, callIndex) => string | output
    this.calls = []; // {input, at}
    this.received = []; // the records of the entries reported successful, parsed
  }

  get entriesSent() {
    return this.calls.flatMap((c) => c.input.Entries);
  }

  send(command, options = {}) {
    const input = command.input;
    const index = this.calls.length;
    this.calls.push({ input, at: Date.now() });
    let mode = typeof this.behaviour === 'function' ? this.behaviour(input.Entries, index) : this.behaviour;
    if (mode === 'throw') throw new Error('fake SQS: thrown synchronously');
    if (mode === 'reject') return Promise.reject(Object.assign(new Error('fake SQS: service unavailable'), { name: 'ServiceUnavailable', $fault: 'server' }));
    if (mode === 'deny') return Promise.reject(Object.assign(new Error('fake SQS: access denied'), { name: 'AccessDenied', $fault: 'client' }));
    if (mode === 'hang') {
      return new Promise((resolve, reject) => {
        const signal = options.abortSignal;
        if (signal) signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
      });
    }
    if (mode === 'hang-deaf') return new Promise(() => {}); // ignores its AbortSignal
    const output = mode === 'ok' || mode === undefined ? { Successful: [], Failed: [] } : mode;
    const failedIds = new Set((output.Failed || []).map((f) => f.Id));
    for (const entry of input.Entries) {
      if (!failedIds.has(entry.Id)) this.received.push(...recordsOf(entry));
    }
    return Promise.resolve({
      Successful: input.Entries.filter((e) => !failedIds.has(e.Id)).map((e) => ({ Id: e.Id, MessageId: `m-${index}-${e.Id}` })),
      Failed: output.Failed || [],
    });
  }
}

module.exports = { FakeSqs, recordsOf, sqsBytes };
