'use strict';
// The AWS settings of the default SQS client, and what to say when one is missing.
//
// The SDK needs a region to sign a request. An AWS queue URL names it
// (https://sqs.eu-west-1.amazonaws.com/...); a local emulator's does not
// (moto: http://127.0.0.1:4566/123456789012/events), and the SDK would then fail every call
// with a bare "Region is missing". So the region is settled when the middleware is made: the
// option, else AWS_REGION, else the queue URL's; failing all three for a URL that is not
// AWS's, it is a TypeError at start-up naming the variable to set. Credentials stay the
// SDK's (environment, profile, container or instance role); when it finds none, the error
// the middleware reports says which variables it looked for.

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
// sqs.<region>.amazonaws.com(.cn), sqs-fips.<region>..., vpce-....sqs.<region>.vpce.amazonaws.com,
// sqs.<region>.api.aws (dual-stack), sqs.<region>.localhost.localstack.cloud (LocalStack).
const SQS_HOST_RE = new RegExp(`(?:^|\\.)sqs(?:-fips)?\\.(${REGION})\\.`);
const LEGACY_HOST_RE = new RegExp(`^(${REGION})\\.queue\\.amazonaws\\.com(?:\\.cn)?$`);
const AWS_HOST_RE = /(?:^|\.)(?:amazonaws\.com(?:\.cn)?|api\.aws)$/;

function hostOf(queueUrl) {
  try {
    return new URL(queueUrl).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** The region an SQS queue URL names, or undefined (a local emulator's names none). */
function regionOf(queueUrl) {
  const host = hostOf(queueUrl);
  const match = SQS_HOST_RE.exec(host) || LEGACY_HOST_RE.exec(host);
  if (match) return match[1];
  if (host === 'queue.amazonaws.com') return 'us-east-1'; // the oldest form, before regions had hosts
  return undefined;
}

/**
 * The default client's region: options.region, else AWS_REGION, else the queue URL's.
 * Throws a TypeError naming AWS_REGION when none gives one and the URL is not AWS's (then
 * nothing could: the SDK would fail every call with "Region is missing"). For an AWS URL
 * without a region in it, the SDK's own chain (the profile's region) is left to decide.
 */
function resolveRegion(options, env = process.env) {
  const region = options.region || env.AWS_REGION || regionOf(options.queueUrl);
  if (region || AWS_HOST_RE.test(hostOf(options.queueUrl))) return region || undefined;
  throw new TypeError(
    `droplets: no AWS region for queue URL ${options.queueUrl}: it names none (an emulator's URL does not); ` +
      'set AWS_REGION to the region the queue was made in (or pass the region option)'
  );
}

/** The SDK's error, its message saying which settings to give when they are what is missing. */
function explain(err) {
  if (!err || typeof err !== 'object') return err;
  const message = String(err.message || '');
  if (err.name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    err.message =
      'no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run with a role ' +
      `that has the producer policy (the SDK said: ${message})`;
  } else if (/Region is missing/i.test(message)) {
    err.message = 'no AWS region: set AWS_REGION (or pass the region option)';
    err.$fault = 'client'; // resending cannot fix it
  }
  return err;
}

module.exports = { regionOf, resolveRegion, explain };
