'use strict';
// The partial failure both retry suites (one record a message, packed messages) script:
// SQS answers its first SendMessageBatch with one entry failed transiently (no SenderFault,
// so retried) and one rejected (SenderFault, so given up); every later call succeeds.
const { FakeSqs } = require('./fake-sqs');

/** A FakeSqs failing entry `transientId` (retryable) and entry `rejectedId` (sender fault) of its first call only. */
function sqsFailingFirstCall(transientId, rejectedId) {
  return new FakeSqs((entries, call) => (call === 0
    ? { Failed: [{ Id: transientId, SenderFault: false, Code: 'InternalError' }, { Id: rejectedId, SenderFault: true, Code: 'InvalidMessageContents' }] }
    : 'ok'));
}

module.exports = { sqsFailingFirstCall };
