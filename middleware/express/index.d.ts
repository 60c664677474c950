// Type declarations for @droplets/express.
import type { IncomingMessage, ServerResponse } from 'node:http';

declare namespace droplets {
  /** Something with the `send` method of an AWS SDK v3 SQSClient. */
  interface SqsLikeClient {
    send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<any>;
  }

  type ErrorCode =
    | 'CAPTURE_FAILED' // building a record failed (the request itself is unaffected)
    | 'BUFFER_FULL' // records are being dropped: reported once per episode
    | 'OVERSIZE' // one record exceeds maxMessageBytes even without bodies
    | 'RETRYING' // a batch or some entries failed and will be sent again
    | 'SEND_FAILED' // records given up on (retries exhausted or a non-retryable error)
    | 'QUEUE_DOWN' // calls kept failing: requests are not captured (counted as dropped) until a probe call succeeds
    | 'REJECTED' // SQS rejected entries as a sender fault: not retried
    | 'CLOSED'; // close() reached its deadline with records unsent

  interface DropletsError extends Error {
    name: 'DropletsError';
    code: ErrorCode;
    /** How many records the event concerns. */
    count: number;
    cause?: unknown;
  }

  interface Options {
    /** The SQS queue URL (the Pulumi stack output `queueUrl`). Required. */
    queueUrl: string;
    /** AWS region; default AWS_REGION, else the region in the queue URL. A URL that names none (a local emulator's) without either throws a TypeError naming AWS_REGION. */
    region?: string;
    /** Endpoint override; default: the SDK's own AWS_ENDPOINT_URL_SQS / AWS_ENDPOINT_URL. */
    endpoint?: string;
    /**
     * Your own SQSClient (then region, endpoint and the timeouts below are its business).
     * Records are then built and sent on the app's thread, where the client lives.
     */
    client?: SqsLikeClient;
    /**
     * Build, redact, serialise and send records in a worker thread (with the default
     * SQSClient there too): the request's thread only copies a snapshot of each call and
     * hands snapshots over in batches. Default true; false does all of it on the app's
     * thread (no extra thread).
     */
    worker?: boolean;

    /** source.service of each record. Default "api". */
    service?: string;
    /** source.env of each record. Default NODE_ENV, else "development". */
    env?: string;
    /** source.host of each record. Default os.hostname(). */
    host?: string;

    /** Request header carrying the session ID. Default "x-session-id"; null to ignore headers. */
    sessionHeader?: string | null;
    /** Cookie carrying the session ID when the header is absent. Default none. */
    sessionCookie?: string | null;

    /** Request headers captured (lower-case). Credential headers are never captured. */
    requestHeaders?: string[];
    /** Response headers captured (lower-case). Credential headers are never captured. */
    responseHeaders?: string[];
    /** Extra headers never captured, on top of those of droplets/contract/credentials.json. */
    redactHeaders?: string[];
    /**
     * Dotted paths whose values are masked in request/response bodies and the query before
     * sending, on top of every field named like a credential (droplets/contract/credentials.json):
     * `card.number`, `items.*.ssn`, `**.internal_note` (any depth). Case-insensitive keys. Default [].
     */
    redactPaths?: string[];
    /** Bytes of each body captured; beyond it body_truncated is true. Default 16384. */
    maxBodyBytes?: number;

    /** Fraction of requests captured, 0..1. Default 1. */
    sampleRate?: number;
    /** Return true to leave a request out (health checks...). */
    skip?: (req: IncomingMessage) => boolean;

    /** Byte budget of one SendMessageBatch (sum of bodies). Default 262144 (256 KiB). */
    maxBatchBytes?: number;
    /** Largest single message. Default 262144; bodies are dropped from a record above it. */
    maxMessageBytes?: number;
    /**
     * Pack several records into each SQS message (NDJSON, attribute `droplets-format: ndjson-v1`):
     * far fewer messages and calls per record. Default true; false sends one record per message.
     */
    pack?: boolean;
    /** Byte budget of one packed message (body and attributes). Default 65536 (64 KiB). */
    maxPackBytes?: number;
    /** Longest a record waits for a batch to fill. Default 1000 ms. */
    flushIntervalMs?: number;
    /** Records held (waiting, in flight, awaiting retry) before new ones are dropped. Default 5000. */
    maxBufferRecords?: number;
    /** Bytes held before new records are dropped. Default 16 MiB. */
    maxBufferBytes?: number;
    /** Concurrent SendMessageBatch calls. Default 4. */
    maxInFlight?: number;
    /** Resends of a failed record (transient failures only). Default 3. */
    maxRetries?: number;
    /** First backoff ceiling; doubles per attempt, with jitter. Default 200 ms. */
    retryBaseMs?: number;
    /** Largest backoff ceiling. Default 5000 ms. */
    retryMaxMs?: number;
    /** A SendMessageBatch call is given up after this (the default client ends its request and connection). Default 5000 ms. */
    sendTimeoutMs?: number;
    /** TCP connect timeout of the default client. Default 2000 ms. */
    connectTimeoutMs?: number;

    /** Told about every failure; default: a console warning per code at most once a minute. */
    onError?: (error: DropletsError) => void;
  }

  /**
   * Counters, in records unless said otherwise. With the worker thread, those kept there are
   * as of its last report (within about 20 ms of a change); `buffered` also counts the
   * snapshots handed to it since.
   */
  interface Stats {
    captured: number;
    skipped: number;
    enqueued: number;
    /** Records SQS accepted. */
    sent: number;
    /** Messages SQS accepted (as many as `sent` without packing). */
    messages: number;
    /** SendMessageBatch calls made. */
    batches: number;
    retried: number;
    failed: number;
    dropped: number;
    oversize: number;
    buffered: number;
    bufferedBytes: number;
    inFlight: number;
    /** The circuit breaker is open: calls to the queue kept failing, so requests are not captured (counted as `dropped`) until a probe call succeeds. */
    queueDown: boolean;
  }

  interface CloseResult extends Stats {
    /** true when everything held was sent before the deadline. */
    flushed: boolean;
    /** Records given up at the deadline. */
    unsent: number;
  }

  interface Middleware {
    (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
    /** Mount after your routes, before your own error handlers, to record `error`. */
    errorHandler: (err: unknown, req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
    /** Send what is held, then stop; resolves (never rejects) by `deadlineMs` (default 5000). */
    close(deadlineMs?: number): Promise<CloseResult>;
    /** Send what is waiting now instead of at the flush interval. */
    flush(): void;
    stats(): Stats;
  }

  const SESSION_ID_RE: RegExp;
  function isValidSessionId(value: unknown): boolean;
  const DEFAULTS: Readonly<Required<Omit<Options, 'queueUrl' | 'region' | 'endpoint' | 'client' | 'host' | 'skip' | 'onError'>>>;
}

declare function droplets(options: droplets.Options): droplets.Middleware;

export = droplets;
