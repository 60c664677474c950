'use strict';
// A minimal SQS endpoint (the middleware tests' helper: AWS JSON 1.0, accepts every
// SendMessageBatch and answers with message IDs and MD5s as SQS does), run as its own process
// by run.js and sdk-calls.js so that its CPU can be told apart from the app's. Prints its port,
// then on SIGTERM the calls and messages it received.
const path = require('node:path');
const { startSqsEndpoint } = require(path.join(__dirname, '..', '..', 'middleware', 'express', 'test', 'helpers', 'sqs-endpoint'));

startSqsEndpoint({ keepBodies: false }).then((sqs) => {
  console.log(`port ${new URL(sqs.endpoint).port}`);
  process.on('SIGTERM', () => {
    console.log(`calls ${sqs.state.calls}`);
    console.log(`messages ${sqs.state.messages}`);
    process.exit(0);
  });
});
