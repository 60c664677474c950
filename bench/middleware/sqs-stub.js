'use strict';
// A minimal SQS endpoint (the middleware tests' helper: AWS JSON 1.0, accepts every
// SendMessageBatch and answers with message IDs and MD5s as SQS does), run as its own process
// by run.js, sdk-calls.js and ../sqs_cost.py so that its CPU can be told apart from the app's.
// Prints its port, then on SIGTERM what it received: calls, messages, records (the lines of
// packed messages), payload bytes (bodies and attributes, as SQS sizes messages), billed
// requests (each started 64 KiB of a call's payload) and HTTP request bytes.
const path = require('node:path');
const { startSqsEndpoint } = require(path.join(__dirname, '..', '..', 'middleware', 'express', 'test', 'helpers', 'sqs-endpoint'));

// Idle connections stay open 10 minutes, not Node's 5 s: a bench script whose thread is busy
// for longer between two sends (capture-cost.js measuring other steps) would otherwise find
// its keep-alive sockets closed under it, and count failed calls and their retries in the
// step it measures. (Real SQS keeps idle connections open well past 5 s too.)
startSqsEndpoint({ keepBodies: false, keepAliveTimeoutMs: 600000 }).then((sqs) => {
  console.log(`port ${new URL(sqs.endpoint).port}`);
  process.on('SIGTERM', () => {
    for (const name of ['calls', 'messages', 'records', 'payloadBytes', 'billedRequests', 'requestBytes']) {
      console.log(`${name} ${sqs.state[name]}`);
    }
    process.exit(0);
  });
});
