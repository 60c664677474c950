// Compiled (never run) by types.test.js: the declarations accept real usage and reject mistakes.
import droplets = require('../..');
import http = require('node:http');

const mw = droplets({
  queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/events',
  service: 'courses',
  sessionCookie: 'sid',
  redactPaths: ['**.password', 'card.number'],
  maxBodyBytes: 8192,
  sampleRate: 0.5,
  worker: false,
  pack: true,
  maxPackBytes: 32768,
  skip: (req) => req.url === '/health',
  onError: (err) => {
    const code: droplets.ErrorCode = err.code;
    console.warn(code, err.count);
  },
});

http.createServer((req, res) => mw(req, res, () => res.end()));

async function shutdown(): Promise<boolean> {
  const result = await mw.close(5000);
  const dropped: number = result.dropped + mw.stats().buffered;
  const perMessage: number = result.sent / Math.max(1, result.messages);
  void perMessage;
  return result.flushed && dropped >= 0;
}
void shutdown;

// @ts-expect-error queueUrl is required
droplets({ service: 'x' });
// @ts-expect-error sampleRate is a number
droplets({ queueUrl: 'https://x', sampleRate: 'all' });
// @ts-expect-error no such option
droplets({ queueUrl: 'https://x', bodyLimit: 1 });
// @ts-expect-error pack is a boolean
droplets({ queueUrl: 'https://x', pack: 'ndjson' });
