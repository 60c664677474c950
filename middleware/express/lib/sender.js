'use strict';
// Batching records into SQS messages and SendMessageBatch calls, off the response path.
//
// Records wait in a bounded buffer. With `pack` (the default) the records of a call are packed
// into messages of several records each (NDJSON, the `droplets-format: ndjson-v1` attribute;
// lib/message.js), each message at most `maxPackBytes`; without it each record is its own
// message, as before packing. A call (at most 10 messages, at most `maxBatchBytes` counted as
// SQS counts them: bodies and attributes) leaves as soon as the records waiting fill one, or
// when the flush interval has passed since the first record waiting.
//
// Records, not messages, are the unit of everything else: the buffer's bounds, the counters,
// the retries. A message SQS fails without blaming the sender (SenderFault false), and whole
// calls that fail for a transient reason, put their records back in the buffer, to be packed
// again after an exponential backoff with jitter, each record at most `maxRetries` times
// (repacking is safe: the consumer keys every object by its record, not by its message).
// Nothing here can throw into the caller: every failure is counted and reported to `onError`.
//
// A circuit breaker, as telemetry SDKs have, keeps a queue that is down from costing the app
// anything: after BREAKER_FAILURES whole calls in a row fail for a transient reason (refused,
// unreachable, timed out, 5xx, throttled) the circuit opens (`queueDown`, reported once as
// QUEUE_DOWN): `full()` is then true, so that requests are not captured at all, only counted
// as dropped. Sending stays paused with the growing backoff; each pause ends with one probe
// call, of the records still held or, when none are left (given up after maxRetries), of the
// next request's record: for that one record `full()` is false again ("half-open"). The first
// call that succeeds closes the circuit and capture resumes.
const { SendMessageBatchCommand } = require('@aws-sdk/client-sqs');
const { PACKED_ATTRIBUTES, PACKED_ATTRIBUTE_BYTES, SEPARATOR, SEPARATOR_BYTES, MAX_MESSAGE_BYTES, SQS_MAX_BATCH_ENTRIES } = require('./message');

const MAX_BATCH_ENTRIES = SQS_MAX_BATCH_ENTRIES; // the SendMessageBatch limit
// Whole calls failed in a row that open the circuit: two, so that one failed call (SQS
// returns an occasional 5xx) only pauses sending and its records are retried, while a queue
// that fails the retry too is treated as down.
const BREAKER_FAILURES = 2;

class DropletsError extends Error {
  constructor(code, message, { count = 0, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DropletsError';
    this.code = code;
    this.count = count;
  }
}

// JSON.stringify leaves U+FFFE and U+FFFF as they are, but SQS rejects them in a message
// body; escaped, the JSON means the same.
const SQS_FORBIDDEN = /[\uFFFE\uFFFF]/g;
function serialize(record) {
  const text = JSON.stringify(record);
  return text.includes('\uFFFE') || text.includes('\uFFFF')
    ? text.replace(SQS_FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    : text;
}

// Client-side faults that resending cannot fix (bad queue URL, no permission, bad request);
// anything else (network, timeout, 5xx, throttling) is worth another try.
function isRetryable(err) {
  if (!err || typeof err !== 'object') return true;
  if (err.$retryable) return true;
  const name = String(err.name || '');
  if (/throttl|overlimit|requestlimit/i.test(name)) return true;
  return err.$fault !== 'client';
}

function withDeadline(promise, signal) {
  // A client that ignores its AbortSignal must still free the slot at the deadline.
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (err) => { signal.removeEventListener('abort', onAbort); reject(err); }
    );
  });
}

class Sender {
  constructor(opts) {
    this.client = opts.client;
    this.queueUrl = opts.queueUrl;
    this.maxBatchBytes = opts.maxBatchBytes;
    this.maxMessageBytes = Math.min(opts.maxMessageBytes, opts.maxBatchBytes);
    this.pack = opts.pack !== false;
    // What each message adds besides its records' bytes: the format attribute of a pack.
    this.messageOverhead = this.pack ? PACKED_ATTRIBUTE_BYTES : 0;
    // The largest record: one that travels alone in its own message.
    this.maxRecordBytes = this.maxMessageBytes - this.messageOverhead;
    this.maxPackBytes = Math.min(opts.maxPackBytes || MAX_MESSAGE_BYTES, this.maxMessageBytes);
    // The bytes of records one call can hold at most: past this much waiting, a call is full.
    this.callCapacity = this.pack ? Math.min(this.maxBatchBytes, MAX_BATCH_ENTRIES * this.maxPackBytes) : this.maxBatchBytes;
    this.flushIntervalMs = opts.flushIntervalMs;
    this.maxBufferRecords = opts.maxBufferRecords;
    this.maxBufferBytes = opts.maxBufferBytes;
    this.maxRetries = opts.maxRetries;
    this.retryBaseMs = opts.retryBaseMs;
    this.retryMaxMs = opts.retryMaxMs;
    this.sendTimeoutMs = opts.sendTimeoutMs;
    this.maxInFlight = opts.maxInFlight;
    this.report = opts.report;
    this.random = opts.random || Math.random;

    this.queue = []; // records waiting to be sent ({body, bytes, attempts}), oldest first, from index `head`
    this.head = 0;
    this.waitingBytes = 0; // the bytes of the records from `head` on
    this.heldRecords = 0; // waiting + in flight + waiting for a retry: what the bound counts
    this.heldBytes = 0;
    this.inFlight = 0;
    this.calls = new Set(); // AbortControllers of calls in flight
    this.retryTimers = new Set();
    this.flushTimer = null;
    this.pumpScheduled = false;
    this.dropping = false;
    this.failures = 0; // whole calls failed in a row: the pause before the next call grows with it
    this.down = false; // the circuit is open: records are not wanted (see above)
    this.probeWanted = false; // open, with no record held to probe with: the next one is
    this.pausedUntil = 0;
    this.resumeTimer = null;
    this.closing = null;
    this.idleWaiters = [];
    // Records, except `messages` (messages SQS accepted) and `batches` (calls made).
    this.counts = { enqueued: 0, sent: 0, messages: 0, batches: 0, retried: 0, failed: 0, dropped: 0, oversize: 0 };
  }

  get waiting() {
    return this.queue.length - this.head;
  }

  /** Accept a record for sending; false (counted) when it is dropped. */
  enqueue(record) {
    if (this.closing && this.closing.done) {
      this.drop();
      return false;
    }
    let body = serialize(record);
    let bytes = Buffer.byteLength(body);
    if (bytes > this.maxRecordBytes) {
      // Bodies are the large part; without them the call itself is still worth keeping.
      for (const part of [record.request, record.response]) {
        if (part && part.body !== null && part.body !== undefined) {
          part.body = null;
          part.body_truncated = true;
        }
      }
      body = serialize(record);
      bytes = Buffer.byteLength(body);
      if (bytes > this.maxRecordBytes) {
        this.counts.oversize += 1;
        this.report(new DropletsError('OVERSIZE', `a record of ${bytes} bytes exceeds maxMessageBytes even without bodies`, { count: 1 }));
        return false;
      }
    }
    if (this.heldRecords >= this.maxBufferRecords || this.heldBytes + bytes > this.maxBufferBytes) {
      this.drop();
      return false;
    }
    this.dropping = false;
    this.queue.push({ body, bytes, attempts: 0 });
    this.waitingBytes += bytes;
    this.heldRecords += 1;
    this.heldBytes += bytes;
    this.counts.enqueued += 1;
    if (this.down) {
      // The probe of an open circuit leaves now, not at the flush interval; records that
      // arrive while one is out wait for its answer (_pump sends one call at a time).
      this.probeWanted = false;
      this._pump(true);
      return true;
    }
    this._schedule();
    return true;
  }

  /** True when a new record would be dropped, or is not wanted while the queue is down: the
   * capture can skip building it. */
  full() {
    return this.heldRecords >= this.maxBufferRecords || this.heldBytes >= this.maxBufferBytes || (this.closing !== null && this.closing.done) || (this.down && !this.probeWanted);
  }

  /** Count a record that could not be held, or was not captured while the queue is down. */
  drop() {
    this.counts.dropped += 1;
    if (this.down) return; // reported once, as QUEUE_DOWN, when the circuit opened
    if (!this.dropping) {
      this.dropping = true; // reported once per episode, not once per request
      this.report(new DropletsError('BUFFER_FULL', 'the send buffer is full: records are being dropped', { count: 1 }));
    }
  }

  _schedule() {
    // A full batch leaves on the next turn of the event loop, unless every call slot is
    // taken: then the end of a call pumps again (no busy loop while SQS is slow).
    const full = this._waitingFillsACall();
    if (full && this.inFlight < this.maxInFlight && !this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this._pump(false);
      });
    }
    this._armFlushTimer();
  }

  _armFlushTimer() {
    // With every call slot taken there is nothing a timer could send: the end of a call pumps
    // again, so a hanging queue costs no wake-ups at all.
    const slots = this.failures > 0 ? 1 : this.maxInFlight;
    if (this.waiting > 0 && this.flushTimer === null && !this.closing && this.inFlight < slots) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this._pump(true);
      }, this.flushIntervalMs);
      this.flushTimer.unref();
    }
  }

  /** Cheap check, on every record: is there more waiting than one call can take? It counts
   * records and separators only, never more than the call will hold (each pack adds its
   * attribute and leaves a little room at its end), so it never says yes too early; it may
   * say it a few records late, which only delays a call by those few records. */
  _waitingFillsACall() {
    if (!this.pack) return this.waiting >= MAX_BATCH_ENTRIES || this.waitingBytes > this.maxBatchBytes;
    return this.waitingBytes + this.waiting * SEPARATOR_BYTES > this.callCapacity;
  }

  /**
   * The next batch: the messages of one call, [{items, bytes}] (`bytes` as SQS counts the
   * message), taking records in order: each joins the last message while the pack's budget
   * allows, else opens the next message while the call's 10 entries and byte budget allow.
   * Null unless the call is full or `force`.
   */
  _takeBatch(force) {
    const batch = [];
    let bytes = 0;
    let i = this.head;
    let message = null;
    while (i < this.queue.length) {
      const item = this.queue[i];
      if (message && this.pack && message.bytes + SEPARATOR_BYTES + item.bytes <= this.maxPackBytes) {
        if (bytes + SEPARATOR_BYTES + item.bytes > this.maxBatchBytes) break;
        message.items.push(item);
        message.bytes += SEPARATOR_BYTES + item.bytes;
        bytes += SEPARATOR_BYTES + item.bytes;
      } else {
        const size = this.messageOverhead + item.bytes;
        if (batch.length === MAX_BATCH_ENTRIES || bytes + size > this.maxBatchBytes) break;
        message = { items: [item], bytes: size };
        batch.push(message);
        bytes += size;
      }
      i += 1;
    }
    const full = i < this.queue.length || batch.length === MAX_BATCH_ENTRIES;
    if (batch.length === 0 || (!full && !force)) return null;
    for (let j = this.head; j < i; j += 1) this.waitingBytes -= this.queue[j].bytes;
    this.head = i;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  _pump(force) {
    // After a failed call, one call at a time probes the queue until one succeeds.
    const slots = this.failures > 0 ? 1 : this.maxInFlight;
    while (this.inFlight < slots && Date.now() >= this.pausedUntil) {
      const batch = this._takeBatch(force || this.closing !== null);
      if (!batch) break;
      this._send(batch);
    }
    this._armFlushTimer();
    this._checkIdle();
  }

  async _send(batch) {
    this.inFlight += 1;
    this.counts.batches += 1;
    const controller = new AbortController();
    controller.batch = batch;
    this.calls.add(controller);
    const timer = setTimeout(() => controller.abort(new DropletsError('TIMEOUT', `SendMessageBatch took longer than ${this.sendTimeoutMs} ms`)), this.sendTimeoutMs);
    timer.unref();
    let output;
    let failure;
    try {
      const command = new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch.map((message, index) => this._entry(message, index)) });
      output = await withDeadline(Promise.resolve().then(() => this.client.send(command, { abortSignal: controller.signal })), controller.signal);
    } catch (err) {
      failure = err;
    } finally {
      clearTimeout(timer);
      this.calls.delete(controller);
      this.inFlight -= 1;
    }
    if (batch.abandoned) return; // close() gave up on it at its deadline and counted it
    try {
      if (failure !== undefined) this._callFailed(batch, failure);
      else this._settle(batch, output || {});
    } catch (err) {
      this.report(err);
    }
    this._pump(false);
  }

  /** The SendMessageBatch entry of a message: a pack (with its format attribute) or, without
   * `pack`, the one record as it always was. */
  _entry(message, index) {
    if (!this.pack) return { Id: String(index), MessageBody: message.items[0].body };
    const body = message.items.length === 1 ? message.items[0].body : message.items.map((item) => item.body).join(SEPARATOR);
    return { Id: String(index), MessageBody: body, MessageAttributes: PACKED_ATTRIBUTES };
  }

  _settle(batch, output) {
    this.failures = 0;
    // An answer from SQS, whatever it says of each entry: the queue is up, capture resumes.
    this.down = false;
    this.probeWanted = false;
    const failed = new Map((output.Failed || []).map((entry) => [entry.Id, entry]));
    const retry = [];
    let rejected = 0;
    let firstRejection;
    batch.forEach((message, index) => {
      const entry = failed.get(String(index));
      if (!entry) {
        message.items.forEach((item) => this._release(item));
        this.counts.sent += message.items.length;
        this.counts.messages += 1;
      } else if (entry.SenderFault) {
        message.items.forEach((item) => this._release(item));
        this.counts.failed += message.items.length;
        rejected += message.items.length;
        firstRejection = firstRejection || entry;
      } else {
        retry.push(...message.items);
      }
    });
    if (rejected > 0) {
      this.report(new DropletsError('REJECTED', `SQS rejected ${rejected} record(s) as a sender fault (${firstRejection.Code}): not retried`, { count: rejected }));
    }
    if (retry.length > 0) this._retry(retry, new DropletsError('ENTRY_FAILED', `SQS failed ${retry.length} record(s) without a sender fault`, { count: retry.length }));
  }

  _callFailed(batch, err) {
    const items = batch.flatMap((message) => message.items);
    if (isRetryable(err)) {
      // The queue (or the way to it) is failing: every call would fail alike, so all
      // sending pauses, for longer after each failure in a row, instead of each batch
      // retrying on its own. Meanwhile records wait in the bounded buffer.
      this._pause();
      this._retry(items, err, false);
      return;
    }
    // A client fault is SQS's answer (access denied, no such queue): the queue is reachable, so
    // an open circuit closes (else no probe would follow this one) and requests are captured
    // again, their records failing alike, as they would without the breaker.
    this.failures = 0;
    this.down = false;
    this.probeWanted = false;
    items.forEach((item) => this._release(item));
    this.counts.failed += items.length;
    this.report(new DropletsError('SEND_FAILED', `SendMessageBatch failed (${err && err.name}): ${items.length} record(s) not retried`, { count: items.length, cause: err }));
  }

  _pause() {
    this.failures += 1;
    if (this.failures >= BREAKER_FAILURES && !this.down && !this.closing) {
      this.down = true;
      this.report(new DropletsError('QUEUE_DOWN', `${this.failures} SendMessageBatch calls in a row failed: requests are not captured (counted as dropped) until a probe call succeeds`, { count: 0 }));
    }
    this.probeWanted = false;
    const delay = this._backoff(this.failures);
    if (Date.now() + delay <= this.pausedUntil) return;
    this.pausedUntil = Date.now() + delay;
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      this._resume();
    }, delay);
    this.resumeTimer.unref();
  }

  /** The end of a pause: one call probes the queue, with the records held, or with the next
   * record when there are none (they were given up): the circuit is half-open for it. */
  _resume() {
    // The timer says the pause is over, whatever Date.now() says: a timer's start is the
    // event loop's clock, cached when the loop last turned, which lags Date.now() by however
    // long the thread has been busy since (a large batch serialised, a slow callback); its
    // timer then fires before Date.now() reaches pausedUntil, and a pump gated on that
    // would send nothing, with no timer left to try again (during close(), none until the
    // deadline: every record held was lost).
    this.pausedUntil = 0;
    if (this.down && this.heldRecords === 0) this.probeWanted = true;
    this._pump(true);
  }

  // Exponential backoff with "equal jitter": half fixed, half random, so retries from many
  // processes spread out without ever being immediate.
  _backoff(attempt) {
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (attempt - 1));
    return ceiling / 2 + this.random() * (ceiling / 2);
  }

  /** Send `items` again (each at most maxRetries times): after a backoff, or with `delayed`
   * false at the front of the queue, when a pause already holds all sending back. */
  _retry(items, cause, delayed = true) {
    const again = [];
    for (const item of items) {
      item.attempts += 1;
      if (item.attempts > this.maxRetries) {
        this._release(item);
        this.counts.failed += 1;
      } else {
        again.push(item);
      }
    }
    const given = items.length - again.length;
    this.report(new DropletsError(
      given > 0 ? 'SEND_FAILED' : 'RETRYING',
      `sending ${items.length} record(s) failed (${cause && cause.name}: ${cause && cause.message})` +
        (given > 0 ? `; ${given} given up after ${this.maxRetries} retries` : '; retrying'),
      { count: items.length, cause }
    ));
    if (again.length === 0) {
      this._checkIdle();
      return;
    }
    this.counts.retried += again.length;
    if (!delayed) {
      this._unshift(again);
      this._armFlushTimer();
      return;
    }
    const delay = this._backoff(again[0].attempts);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this._requeue(again);
    }, delay);
    timer.unref();
    timer.items = again;
    this.retryTimers.add(timer);
  }

  _requeue(items) {
    this._unshift(items);
    this._pump(true);
  }

  /** Put records back at the front of the queue: retried records are the oldest. */
  _unshift(items) {
    this.queue.splice(this.head, 0, ...items);
    for (const item of items) this.waitingBytes += item.bytes;
  }

  _release(item) {
    this.heldRecords -= 1;
    this.heldBytes -= item.bytes;
  }

  /** Send everything waiting now, without waiting for the flush interval. */
  flush() {
    this._pump(true);
  }

  _checkIdle() {
    if (this.heldRecords === 0 && this.inFlight === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  /**
   * Send what is held and stop. Resolves (never rejects) when all is sent, or at the
   * deadline, when calls still in flight are aborted and what is left is counted as dropped.
   */
  close(deadlineMs) {
    if (this.closing) return this.closing.promise;
    const closing = { done: false, promise: null };
    this.closing = closing;
    closing.promise = new Promise((resolve) => {
      if (this.flushTimer) {
        clearTimeout(this.flushTimer);
        this.flushTimer = null;
      }
      // Retries waiting for their backoff, and a pause after failures, end now: there is
      // no later. (Failures during close pause again, within the deadline.) A queue that
      // was down gets this last try with what is held; nothing new is captured.
      this.pausedUntil = 0;
      this.down = false;
      this.probeWanted = false;
      clearTimeout(this.resumeTimer);
      for (const timer of this.retryTimers) {
        clearTimeout(timer);
        this._unshift(timer.items);
      }
      this.retryTimers.clear();
      let deadline;
      let settled = false;
      const finish = (flushed) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        closing.done = true;
        let unsent = 0;
        if (!flushed) {
          unsent = this.heldRecords;
          for (const controller of this.calls) {
            controller.batch.abandoned = true;
            controller.abort(new DropletsError('CLOSED', 'close() deadline reached'));
          }
          for (const timer of this.retryTimers) clearTimeout(timer);
          this.retryTimers.clear();
          clearTimeout(this.resumeTimer);
          this.queue = [];
          this.head = 0;
          this.waitingBytes = 0;
          this.counts.dropped += unsent;
          this.heldRecords = 0;
          this.heldBytes = 0;
          if (unsent > 0) this.report(new DropletsError('CLOSED', `close() deadline reached: ${unsent} record(s) not sent`, { count: unsent }));
        }
        resolve({ flushed, unsent, ...this.stats() });
      };
      deadline = setTimeout(() => finish(false), Math.max(0, deadlineMs));
      this.idleWaiters.push(() => finish(true));
      this._pump(true);
    });
    return closing.promise;
  }

  stats() {
    return { ...this.counts, buffered: this.heldRecords, bufferedBytes: this.heldBytes, inFlight: this.inFlight, queueDown: this.down };
  }
}

module.exports = { Sender, DropletsError, MAX_BATCH_ENTRIES, BREAKER_FAILURES, serialize, isRetryable };
