'use strict';
// The default SQS client: its configuration (`sqsConfig`, plain data that crosses to the
// worker thread), the client made from it (`sqsClient`: lib/worker.js's), and
// `inThreadClient`, one on the app's thread (option worker: false).
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
// - the request body written by native JSON.stringify (sqsClient, below), not by the SDK's
//   default JSON writer.
const { createRequire } = require('node:module');
const sqsPackage = require('@aws-sdk/client-sqs');
const { explain } = require('./aws-config');

const { SQSClient } = sqsPackage;

// The SDK's default JSON codec for AWS JSON 1.0 writes the request body in JavaScript, one
// character at a time: for SendMessageBatch, whose message bodies are packs of JSON records
// (a quote to escape every few characters), that was the largest part of the worker's SDK
// cost (bench/README.md, "Issue 17, profiled under load": 6.7 µs a record of 13). The SDK's
// other JSON codec (JsonCodec, from @aws-sdk/core, which the protocol's `jsonCodec` setting
// accepts) builds the same JSON with V8's JSON.stringify; its string body is then encoded to
// UTF-8 once, in a 'build' step of the middleware stack, rather than once each by the
// content length, the SigV4 payload hash and the socket. The JSON is the same (a test
// compares what both codecs send); only the protocol's codec is chosen here, with the
// protocol settings the SQS client is generated with. Should an SDK version no longer
// export these, the client keeps the SDK's defaults.
const FAST_JSON = (() => {
  try {
    // The copy of @aws-sdk/core that client-sqs itself uses.
    const core = createRequire(require.resolve('@aws-sdk/client-sqs'))('@aws-sdk/core/protocols');
    const { AwsJson1_0Protocol: Protocol, JsonCodec } = core;
    if (typeof Protocol !== 'function' || typeof JsonCodec !== 'function' || !Array.isArray(sqsPackage.errorTypeRegistries)) return null;
    return { Protocol, JsonCodec };
  } catch {
    return null;
  }
})();

function protocolOptions() {
  if (!FAST_JSON) return {};
  return {
    protocol: FAST_JSON.Protocol,
    protocolSettings: {
      // As @aws-sdk/client-sqs sets them (its runtimeConfig.shared), plus the codec.
      defaultNamespace: 'com.amazonaws.sqs',
      errorTypeRegistries: sqsPackage.errorTypeRegistries,
      version: '2012-11-05',
      serviceTarget: 'AmazonSQS',
      awsQueryCompatible: true,
      // AWS JSON 1.0's settings, as the protocol gives its default codec.
      jsonCodec: new FAST_JSON.JsonCodec({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false }),
    },
  };
}

/** A string request body as UTF-8 bytes, before the content length and the signature read it. */
const bodyAsBytes = (next) => (args) => {
  const request = args.request;
  if (request && typeof request.body === 'string') request.body = Buffer.from(request.body, 'utf8');
  return next(args);
};

/** The SQSClient of a `sqsConfig` (plain data, as it crosses to the worker thread). */
function sqsClient(config) {
  const client = new SQSClient({ ...config, ...protocolOptions() });
  if (FAST_JSON) client.middlewareStack.add(bodyAsBytes, { step: 'build', priority: 'high', name: 'dropletsBodyAsBytes' });
  return client;
}

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
  const client = sqsClient(sqsConfig(options, region));
  return {
    send: (command) => client.send(command).catch((err) => { throw explain(err); }),
    destroy: () => client.destroy(),
  };
}

module.exports = { sqsConfig, sqsClient, inThreadClient, FAST_JSON: FAST_JSON !== null };
