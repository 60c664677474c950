'use strict';
// The default SQS client. `WorkerSqsClient` has the `send(command, {abortSignal})` shape of
// an SQSClient but runs the real client in a worker thread: what the event loop pays per
// batch is one postMessage. `inThreadClient` is an SQSClient on the main thread (option
// worker: false).
//
// What a SendMessageBatch call costs here is mostly the SDK's fixed work per call (bench/README.md,
// section middleware), so the client is configured to do no more of it than needed:
// - md5: false. The SDK would hash every message body again after each call and compare it
//   with the MD5 SQS returns. Over HTTPS (every real SQS endpoint) TLS already guarantees that
//   SQS received the bytes sent; the check costs CPU on every call, and a mismatch would make
//   the SDK throw for a call whose messages SQS did accept, which Sender would then resend
//   as duplicates.
// - cacheMiddleware: true, and no per-call options (an AbortSignal per call makes the SDK
//   resolve its whole middleware stack again on every call): the request handler's timeout
//   bounds a call, Sender's own deadline frees its slot, destroy() ends the sockets.
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { SQSClient } = require('@aws-sdk/client-sqs');
const { explain } = require('./aws-config');

function sqsConfig(options, region) {
  return {
    region,
    // Unset, the SDK reads AWS_ENDPOINT_URL_SQS / AWS_ENDPOINT_URL itself.
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    // Retries are Sender's (per entry, with backoff); one attempt per call keeps the timeouts honest.
    maxAttempts: 1,
    md5: false,
    cacheMiddleware: true,
    // Without throwOnRequestTimeout the SDK only logs a warning at requestTimeout and lets the
    // call hang on: every call to an endpoint that never answers would keep its socket forever.
    requestHandler: { connectionTimeout: options.connectTimeoutMs, requestTimeout: options.sendTimeoutMs, throwOnRequestTimeout: true },
  };
}

/** An SQSClient whose calls go without per-call options, so that it reuses its middleware stack. */
function inThreadClient(options, region) {
  const client = new SQSClient(sqsConfig(options, region));
  return {
    send: (command) => client.send(command).catch((err) => { throw explain(err); }),
    destroy: () => client.destroy(),
  };
}

function revive(error) {
  return Object.assign(new Error(error.message), error);
}

class WorkerSqsClient {
  constructor(options, region) {
    this.config = sqsConfig(options, region);
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
  }

  _start() {
    const worker = new Worker(path.join(__dirname, 'sqs-worker.js'), { workerData: { config: this.config } });
    worker.unref(); // like the flush timer: never what keeps the app's process alive
    worker.on('message', ({ id, output, error }) => {
      const call = this.pending.get(id);
      if (!call) return; // given up already (timeout or close)
      this.pending.delete(id);
      if (error) call.reject(revive(error));
      else call.resolve(output);
    });
    const fail = (err) => {
      if (this.worker !== worker) return;
      this.worker = null; // the next send starts a new one
      const cause = err instanceof Error ? err : new Error(`the SQS worker thread exited (${err})`);
      for (const call of this.pending.values()) call.reject(cause);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.worker = worker;
  }

  send(command, { abortSignal } = {}) {
    if (!this.worker) this._start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (abortSignal) {
        abortSignal.addEventListener('abort', () => {
          if (this.pending.delete(id)) reject(abortSignal.reason);
        }, { once: true });
      }
      this.worker.postMessage({ id, input: command.input });
    });
  }

  destroy() {
    const worker = this.worker;
    this.worker = null;
    for (const call of this.pending.values()) call.reject(new Error('the SQS client was closed'));
    this.pending.clear();
    if (worker) worker.terminate().catch(() => {});
  }
}

module.exports = { WorkerSqsClient, inThreadClient };
