'use strict';
// The worker thread that makes the SQS calls (see sqs-client.js): the AWS SDK's work per
// call (serialising, signing, HTTP, checking the reply) happens here, not on the event
// loop that serves the app's requests.
const { parentPort, workerData } = require('node:worker_threads');
const { SQSClient, SendMessageBatchCommand } = require('@aws-sdk/client-sqs');
const { explain } = require('./aws-config');

// The configuration of sqs-client.js (md5: false, cacheMiddleware: true): no per-call options
// are passed, timeouts are the request handler's.
const client = new SQSClient(workerData.config);

parentPort.on('message', async ({ id, input }) => {
  try {
    const output = await client.send(new SendMessageBatchCommand(input));
    parentPort.postMessage({ id, output: { Successful: output.Successful || [], Failed: output.Failed || [] } });
  } catch (caught) {
    const err = explain(caught); // "no AWS credentials: set ...", not the SDK's bare message
    // What Sender needs to classify the failure; an Error does not cross threads whole.
    parentPort.postMessage({
      id,
      error: {
        name: String((err && err.name) || 'Error'),
        message: String((err && err.message) || err),
        $fault: err && err.$fault,
        $retryable: err && err.$retryable ? { throttling: Boolean(err.$retryable.throttling) } : undefined,
      },
    });
  }
});
