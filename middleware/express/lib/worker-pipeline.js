'use strict';
// The app's thread's handle on the pipeline in the worker thread (lib/worker.js), the
// default: snapshots are handed over in batches (one postMessage per HANDOFF_RECORDS
// snapshots or HANDOFF_MS, whichever comes first), so the event loop pays a few microseconds
// per request and the worker is woken twenty times a second or so, not once per request.
//
// It has the Pipeline's interface (accept, full, drop, flush, close, stats), answered from
// what it knows: the worker reports its counters as they change (lib/worker.js), and what was
// handed over since is counted as held here, so `full()` errs on the side of dropping a little
// early, never of holding more than maxBufferRecords. The worker starts with the first
// snapshot and never keeps the process alive. Should it die, what it held is counted as
// failed and reported, and the next snapshot starts a new one; a worker that keeps dying
// (it cannot even start, say) is started again at most once a second, then less often,
// and requests meanwhile are dropped and counted, so that a crash loop never loads the app.
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { DropletsError } = require('./sender');
const { flatten, unflatten, FIELDS } = require('./snapshot');

const FIELD_COUNT = FIELDS.length;
const REQ_BODY = FIELDS.indexOf('reqBody');
const RES_BODY = FIELDS.indexOf('resBody');
// Each hand-off wakes the worker, which then works through the batch with cold caches: at a
// few thousand requests a second, batches of 50 ms rather than 10 ms cost the worker about
// 5 µs less CPU a request (issue 17, measured at a paced 3,000 requests/s). Records wait for
// the flush interval (1 s by default) in the worker anyway; close() and a probe of a down
// queue are handed over at once.
const HANDOFF_RECORDS = 256;
const HANDOFF_MS = 50;
// close() waits this much past its deadline for the worker's answer (the worker keeps the
// deadline itself; this is for a worker that cannot answer at all).
const CLOSE_GRACE_MS = 1000;
// After a second death in a row, the next start waits RESTART_BASE_MS, doubling up to
// RESTART_MAX_MS; a worker that lived STABLE_MS ends the row.
const RESTART_BASE_MS = 1000;
const RESTART_MAX_MS = 60000;
const STABLE_MS = 60000;
// While the queue is down the worker wants one record at the end of each pause, to probe
// with: the app's thread captures one request for it and drops the others until the worker
// reports it has the probe (`full` again). Should that report never come (the probe's
// response never ends, or its record could not be built), another request is captured for
// it after this long.
const PROBE_WAIT_MS = 1000;

const COUNTERS = ['enqueued', 'sent', 'messages', 'batches', 'retried', 'failed', 'dropped', 'oversize'];
const ZERO = Object.freeze({ enqueued: 0, sent: 0, messages: 0, batches: 0, retried: 0, failed: 0, dropped: 0, oversize: 0, buffered: 0, bufferedBytes: 0, inFlight: 0, queueDown: false });

/**
 * Hand snapshots to the worker: {type: 'snapshots', count, values, bytes}, their values in one
 * flat array (lib/snapshot.js, flatten; unpackSnapshots reads it back). Their binary bodies are
 * copied, in order, into `bytes`, one memory of its own for the whole batch, which is
 * transferred, not copied again; a body's place in `values` holds its length in `bytes`. (One
 * memory per batch: transferring costs per ArrayBuffer, on both threads, and a body of its own
 * memory per request had to be allocated, then collected, one by one.) Should the transfer be
 * refused, the memory is copied as any message is.
 */
function postSnapshots(worker, snapshots) {
  const count = snapshots.length;
  const values = new Array(count * FIELD_COUNT);
  let size = 0;
  for (let i = 0; i < count; i += 1) {
    const raw = snapshots[i];
    flatten(raw, values, i * FIELD_COUNT);
    if (raw.reqBody instanceof Uint8Array) size += raw.reqBody.byteLength;
    if (raw.resBody instanceof Uint8Array) size += raw.resBody.byteLength;
  }
  const bytes = size > 0 ? new Uint8Array(size) : null;
  if (bytes !== null) {
    let offset = 0;
    for (let i = 0; i < count; i += 1) {
      const raw = snapshots[i];
      if (raw.reqBody instanceof Uint8Array) {
        bytes.set(raw.reqBody, offset);
        offset += raw.reqBody.byteLength;
        values[i * FIELD_COUNT + REQ_BODY] = raw.reqBody.byteLength;
      }
      if (raw.resBody instanceof Uint8Array) {
        bytes.set(raw.resBody, offset);
        offset += raw.resBody.byteLength;
        values[i * FIELD_COUNT + RES_BODY] = raw.resBody.byteLength;
      }
    }
  }
  const message = { type: 'snapshots', count, values, bytes };
  if (bytes !== null) {
    try {
      worker.postMessage(message, [bytes.buffer]);
      return;
    } catch {
      // DataCloneError: a memory that cannot move; the copy below always works
    }
  }
  worker.postMessage(message);
}

/** The snapshots of a message postSnapshots sent; binary bodies are Buffers over its `bytes`. */
function unpackSnapshots(message) {
  const out = new Array(message.count);
  const bytes = message.bytes;
  let offset = 0;
  const body = (length) => {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset + offset, length);
    offset += length;
    return view;
  };
  for (let i = 0; i < message.count; i += 1) {
    const raw = unflatten(message.values, i * FIELD_COUNT);
    if (typeof raw.reqBody === 'number') raw.reqBody = body(raw.reqBody);
    if (typeof raw.resBody === 'number') raw.resBody = body(raw.resBody);
    out[i] = raw;
  }
  return out;
}

class WorkerPipeline {
  /** `workerData`: {settings, sqs} for lib/worker.js; `report(err)`: onError's way. */
  constructor(workerData, { maxBufferRecords, report }) {
    this.workerData = workerData;
    this.maxBufferRecords = maxBufferRecords;
    this.report = report;
    this.worker = null;
    this.pending = [];
    this.timer = null;
    this.posted = 0; // snapshots handed to the current worker
    this.remote = { stats: ZERO, full: false, received: 0 }; // its last report
    this.past = { ...ZERO }; // the counters of workers that died
    this.dropped = 0; // requests not captured here because the buffer was full
    this.dropping = false;
    this.closing = null;
    this.closed = false;
    this.final = null; // the counters as close() left them
    this.onClosed = null;
    this.onExit = null;
    this.deaths = 0; // workers that died in a row
    this.startedAt = 0;
    this.restartAt = 0; // no new worker before this time
    this.probeAt = 0; // when a request was captured to probe an open circuit with, until the worker has it
  }

  _start() {
    const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: this.workerData });
    worker.unref(); // like the flush timer: never what keeps the app's process alive
    worker.on('message', (message) => this._message(worker, message));
    worker.on('error', (err) => {
      this.cause = err; // 'exit' follows and says what is lost
    });
    worker.on('exit', () => this._exited(worker));
    this.worker = worker;
    this.startedAt = Date.now();
    this.cause = null;
    this.posted = 0;
    this.remote = { stats: ZERO, full: false, received: 0 };
  }

  _message(worker, message) {
    if (worker !== this.worker) return;
    if (message.type === 'stats') {
      this.remote = message;
      if (message.full || !message.stats.queueDown) this.probeAt = 0;
    } else if (message.type === 'error') {
      if (message.code === 'BUFFER_FULL') {
        if (this.dropping) return; // once per episode, whichever side noticed first
        this.dropping = true;
      }
      this.report(new DropletsError(message.code, message.message, { count: message.count }));
    } else if (message.type === 'closed' && this.onClosed) {
      this.onClosed(message.result);
    }
  }

  _exited(worker) {
    if (worker !== this.worker) return; // terminated by close(): no news
    this.worker = null;
    const lost = this.remote.stats.buffered + this.inTransit();
    for (const name of COUNTERS) this.past[name] += this.remote.stats[name];
    this.past.failed += lost;
    this.remote = { stats: ZERO, full: false, received: 0 };
    this.posted = 0;
    this.probeAt = 0;
    this.deaths = Date.now() - this.startedAt >= STABLE_MS ? 1 : this.deaths + 1;
    if (this.deaths > 1) this.restartAt = Date.now() + Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** (this.deaths - 2));
    // The error's name or code only: a message could quote what the worker was handling.
    const why = this.cause ? ` (${this.cause.code || this.cause.name || 'Error'})` : '';
    this.report(new DropletsError('SEND_FAILED', `the droplets worker thread exited${why}: ${lost} record(s) lost`, { count: lost }));
    if (this.onExit) this.onExit(lost);
  }

  /** Snapshots handed over that the worker had not counted at its last report. */
  inTransit() {
    return this.posted - this.remote.received;
  }

  accept(raw) {
    this.dropping = false;
    if (this.closing !== null) {
      // Requests that end while close() runs go at once to the worker, which sends them
      // within the deadline; once it is gone they can only be counted.
      if (this.worker === null) this.dropped += 1;
      else {
        this.posted += 1;
        postSnapshots(this.worker, [raw]);
      }
      return;
    }
    this.pending.push(raw);
    // The probe of an open circuit is handed over at once: the worker sends it as it arrives.
    if (this.pending.length >= HANDOFF_RECORDS || this.remote.stats.queueDown) this._handoff();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this._handoff(), HANDOFF_MS);
      this.timer.unref();
    }
  }

  _handoff() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return;
    if (this.worker === null) {
      if (Date.now() < this.restartAt) {
        // A worker that keeps dying gets no new start before its time: these are lost.
        this.dropped += this.pending.length;
        this.pending = [];
        return;
      }
      this._start();
    }
    const snapshots = this.pending;
    this.pending = [];
    this.posted += snapshots.length;
    postSnapshots(this.worker, snapshots);
  }

  full() {
    if (this.closed || this.remote.full) return true;
    if (this.worker === null && this.restartAt > 0 && Date.now() < this.restartAt) return true;
    return this.remote.stats.buffered + this.inTransit() + this.pending.length >= this.maxBufferRecords;
  }

  /** The queue is known down and the worker wants no record: not even a probe, or not another
   * one (the worker's reports lag: until one says it has the probe, requests would otherwise
   * all be captured, as many as arrive in that time, each then held and retried). */
  queueDown() {
    const remote = this.remote;
    if (!remote.stats.queueDown) return false;
    return remote.full || (this.probeAt !== 0 && Date.now() - this.probeAt < PROBE_WAIT_MS);
  }

  /** A request is being captured: while the queue is down, it is the probe. */
  capturing() {
    if (this.remote.stats.queueDown) this.probeAt = Date.now();
  }

  drop() {
    this.dropped += 1;
    // While the queue is down the worker has reported QUEUE_DOWN: these are not a full buffer.
    if (this.remote.stats.queueDown) return;
    if (!this.dropping) {
      this.dropping = true; // reported once per episode, not once per request
      this.report(new DropletsError('BUFFER_FULL', 'the send buffer is full: records are being dropped', { count: 1 }));
    }
  }

  flush() {
    this._handoff();
    if (this.worker !== null) this.worker.postMessage({ type: 'flush' });
  }

  stats() {
    if (this.final) return { ...this.final };
    const remote = this.remote.stats;
    const out = {};
    for (const name of COUNTERS) out[name] = this.past[name] + remote[name];
    out.dropped += this.dropped;
    out.buffered = remote.buffered + this.inTransit() + this.pending.length;
    out.bufferedBytes = remote.bufferedBytes;
    out.inFlight = remote.inFlight;
    out.queueDown = remote.queueDown;
    return out;
  }

  /** Send what is held and stop the worker; resolves (never rejects) by the deadline. */
  close(deadlineMs) {
    if (this.closing) return this.closing;
    this._handoff();
    const worker = this.worker;
    if (worker === null) {
      this.closed = true;
      this.closing = Promise.resolve({ flushed: true, unsent: 0, ...this.stats() });
      return this.closing;
    }
    this.closing = new Promise((resolve) => {
      let timer;
      const finish = (result) => {
        clearTimeout(timer);
        this.onClosed = null;
        this.onExit = null;
        this.closed = true;
        this.worker = null; // its 'exit' after terminate() is no news
        const { flushed, unsent, ...stats } = result;
        this.final = stats;
        resolve(result);
        worker.terminate().catch(() => {});
      };
      this.onClosed = (result) => {
        const stats = this.stats(); // the worker's last counters arrived just before
        finish({ ...stats, flushed: result.flushed, unsent: result.unsent });
      };
      // The worker died during close(): _exited counted and reported what it held.
      this.onExit = (lost) => finish({ ...this.stats(), flushed: false, unsent: lost });
      timer = setTimeout(() => {
        // No answer: what it held is given up, as close() gives up at its deadline.
        const lost = this.remote.stats.buffered + this.inTransit();
        this.report(new DropletsError('CLOSED', `close() deadline reached: the worker thread did not answer, ${lost} record(s) not sent`, { count: lost }));
        const stats = this.stats();
        finish({ ...stats, dropped: stats.dropped + lost, buffered: 0, bufferedBytes: 0, inFlight: 0, flushed: false, unsent: lost });
      }, Math.max(0, deadlineMs) + CLOSE_GRACE_MS);
      worker.postMessage({ type: 'close', deadlineMs });
    });
    return this.closing;
  }
}

module.exports = { WorkerPipeline, postSnapshots, unpackSnapshots, HANDOFF_RECORDS, HANDOFF_MS };
