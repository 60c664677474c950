'use strict';
// The default SQS client's configuration (`sqsConfig`: lib/worker.js makes its client with
// it), and `inThreadClient`, an SQSClient on the app's thread (option worker: false).
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

module.exports = { sqsConfig, inThreadClient };
