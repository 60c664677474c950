'use strict';
// From snapshots to SQS: each snapshot (lib/snapshot.js) becomes a redacted record
// (lib/record.js), serialised and batched by the Sender (lib/sender.js). One Pipeline runs
// wherever records are sent from: in the middleware's worker thread by default
// (lib/worker.js), or on the app's thread with `worker: false` or a client of your own. It
// is built from plain settings (see `pipelineSettings` in index.js), so that the worker can
// build its own.
const { Sender, DropletsError } = require('./sender');
const { buildRecord } = require('./record');
const { Redactor } = require('./redact');

/** Anything thrown while building a record, as the error onError is told of. */
function captureFailed(err) {
  return err instanceof DropletsError ? err : new DropletsError('CAPTURE_FAILED', `capturing a request failed: ${err && err.message}`, { count: 1, cause: err });
}

class Pipeline {
  /** `settings`: {source, redactPaths, sender: the Sender's options less client and report}. */
  constructor(settings, client, report) {
    this.report = report;
    this.config = { source: settings.source, redactor: new Redactor(settings.redactPaths) };
    this.sender = new Sender({ ...settings.sender, client, report });
  }

  /** Build, redact and enqueue the record of one snapshot; a failure is reported, never thrown. */
  accept(raw) {
    let record;
    try {
      record = buildRecord(raw, this.config);
    } catch (err) {
      this.report(captureFailed(err));
      return;
    }
    this.sender.enqueue(record);
  }

  full() {
    return this.sender.full();
  }

  /** The queue is known down and no record is wanted, not even a probe (lib/sender.js). */
  queueDown() {
    return this.sender.down && this.sender.full();
  }

  /** A request is being captured (lib/worker-pipeline.js needs to know; here the sender sees
   * its record as it arrives). */
  capturing() {}

  drop() {
    this.sender.drop();
  }

  flush() {
    this.sender.flush();
  }

  close(deadlineMs) {
    return this.sender.close(deadlineMs);
  }

  stats() {
    return this.sender.stats();
  }
}

module.exports = { Pipeline, captureFailed };
