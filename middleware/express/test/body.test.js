'use strict';
// Response body capture goes through the app's own res.write/res.end: every argument form,
// encoding and callback keeps working, write's return value (backpressure) is handed back
// untouched, and only the first maxBodyBytes are kept.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const compression = require('compression');
const droplets = require('..');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord } = require('./helpers/schema');
const { EXPRESS_VERSIONS, listen, request, waitFor } = require('./helpers/http');

function middleware(sqs, extra = {}) {
  return droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: sqs, flushIntervalMs: 10, onError: () => {}, ...extra });
}

async function recordOf(sqs) {
  await waitFor(() => sqs.received.length >= 1, 5000, 'a record');
  return assertValidRecord(sqs.received[0]);
}

// One call to a real server where droplets (with `extra` options) is mounted before `handler`
// at `path`: what the client got and the record droplets sent for it.
async function callCaptured(express, extra, path, handler) {
  const sqs = new FakeSqs();
  const app = express();
  app.use(middleware(sqs, extra));
  app.get(path, handler);
  const server = await listen(app);
  try {
    const res = await request(`${server.url}${path}`);
    return { res, record: await recordOf(sqs) };
  } finally {
    await server.close();
  }
}

// A handler that streams in every argument form res.write/res.end accept, and notes what
// each call returned and which callbacks ran.
function streamingHandler(seen) {
  return (req, res) => {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    seen.returns = [];
    seen.callbacks = [];
    seen.returns.push(res.write('hello '));
    seen.returns.push(res.write(Buffer.from('big '), () => seen.callbacks.push('buffer')));
    seen.returns.push(res.write('776f726c6420', 'hex', () => seen.callbacks.push('hex')));
    seen.returns.push(res.write('c3Ryw7xtZSA=', 'base64'));
    seen.returns.push(res.write(new Uint8Array([0x21, 0x20])));
    seen.returns.push(res.write('caf\u00e9 ', 'latin1'));
    seen.endReturnedRes = res.end('fin', 'utf8', () => seen.callbacks.push('end')) === res;
  };
}
const STREAMED = 'hello big world str\u00fcme ! caf\ufffd fin'; // latin1 é is not valid UTF-8

for (const [name, express] of EXPRESS_VERSIONS) {
  describe(`response body capture on ${name}`, () => {
    test('write + end with string, Buffer, Uint8Array chunks in several encodings, callbacks and returns preserved', async () => {
      // GIVEN the same streaming handler with and without the middleware
      const withSeen = {};
      const withoutSeen = {};
      const sqs = new FakeSqs();
      const app = express();
      app.use(middleware(sqs));
      app.get('/stream', streamingHandler(withSeen));
      const bare = express();
      bare.get('/stream', streamingHandler(withoutSeen));
      const [a, b] = [await listen(app), await listen(bare)];
      try {
        // WHEN both are called
        const captured = await request(`${a.url}/stream`);
        const plain = await request(`${b.url}/stream`);
        await waitFor(() => withSeen.callbacks.length === 3, 2000, 'write callbacks');

        // THEN the client gets the same bytes, the app the same returns and callbacks
        assert.deepEqual(captured.body, plain.body);
        assert.deepEqual(withSeen.returns, withoutSeen.returns);
        assert.equal(withSeen.endReturnedRes, withoutSeen.endReturnedRes);
        assert.equal(withSeen.endReturnedRes, true);
        assert.deepEqual([...withSeen.callbacks].sort(), ['buffer', 'end', 'hex']);

        // AND the record holds exactly what went over the wire
        const record = await recordOf(sqs);
        assert.equal(record.response.body, captured.body.toString('utf8'));
        assert.equal(record.response.body, STREAMED);
        assert.equal(record.response.body_bytes, captured.body.length);
        assert.equal(record.response.body_truncated, false);
      } finally {
        await a.close();
        await b.close();
      }
    });

    test('backpressure: write returns false on a large chunk, drain arrives, the whole body is delivered; the capture stops at the cap', async () => {
      // GIVEN a handler that writes 4 MiB in 256 KiB chunks, waiting for drain when told to
      const returns = [];
      // WHEN it is called
      const { res, record } = await callCaptured(express, { maxBodyBytes: 1000 }, '/big', (req, res) => {
        res.setHeader('content-type', 'application/octet-stream');
        let sent = 0;
        const chunk = Buffer.alloc(256 * 1024, 0x61);
        const pump = () => {
          while (sent < 16) {
            sent += 1;
            const ok = res.write(chunk);
            returns.push(ok);
            if (!ok) return res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
      // THEN every byte arrived, and the app saw `false` (so it waited for drain)
      assert.equal(res.body.length, 16 * 256 * 1024);
      assert.ok(returns.includes(false), 'write reported backpressure');
      assert.equal(record.response.body, null, 'binary bodies are not captured');
      assert.equal(record.response.body_bytes, 16 * 256 * 1024);
      assert.equal(record.response.body_truncated, true);
    });

    test('the cap: a text body beyond maxBodyBytes keeps its first bytes and says so', async () => {
      // GIVEN a 100-byte text body written in two parts, and a 64-byte cap
      const text = 'x'.repeat(50) + 'y'.repeat(50);
      // WHEN it is called
      const { res, record } = await callCaptured(express, { maxBodyBytes: 64 }, '/long', (req, res) => {
        res.type('text/plain');
        res.write(text.slice(0, 30));
        res.end(text.slice(30));
      });
      // THEN the client got it all, the record its first 64 bytes
      assert.equal(res.body.toString(), text);
      assert.equal(record.response.body, text.slice(0, 64));
      assert.equal(record.response.body_bytes, 100);
      assert.equal(record.response.body_truncated, true);
    });

    test('a JSON body cut at the cap stays text, with credential values masked even when cut', async () => {
      // GIVEN a JSON body holding a token, longer than an 80-byte cap
      const payload = { user: 'ada', token: 'tok_live_abcdef', items: Array.from({ length: 20 }, (_, i) => ({ i })) };
      // WHEN it is called
      const { res, record } = await callCaptured(express, { maxBodyBytes: 80 }, '/json', (req, res) => res.json(payload));
      // THEN the client gets the real token; the record a cut text with the token masked
      assert.deepEqual(JSON.parse(res.body), payload, 'the client gets the real token');
      assert.equal(typeof record.response.body, 'string');
      assert.equal(record.response.body_truncated, true);
      assert.ok(!record.response.body.includes('tok_live'), record.response.body);
      assert.match(record.response.body, /"token":"\[redacted\]"/);
    });

    test('mount order with compression: after compression the record has the uncompressed body; before it, none', async () => {
      // GIVEN two apps: compression() then droplets, and droplets then compression()
      const after = new FakeSqs();
      const before = new FakeSqs();
      const payload = { results: Array.from({ length: 100 }, (_, i) => ({ id: i, title: `Course ${i}` })) };
      const correct = express();
      correct.use(compression());
      correct.use(middleware(after));
      correct.get('/courses', (req, res) => res.json(payload));
      const wrong = express();
      wrong.use(middleware(before));
      wrong.use(compression());
      wrong.get('/courses', (req, res) => res.json(payload));
      const [a, b] = [await listen(correct), await listen(wrong)];
      try {
        // WHEN a client that accepts gzip calls both
        for (const server of [a, b]) {
          const res = await request(`${server.url}/courses`, { headers: { 'accept-encoding': 'gzip' } });
          assert.equal(res.headers['content-encoding'], 'gzip');
          assert.deepEqual(JSON.parse(zlib.gunzipSync(res.body)), payload);
        }
        // THEN mounted after compression, droplets saw the JSON the app wrote
        const good = await recordOf(after);
        assert.deepEqual(good.response.body, payload);
        assert.equal(good.response.body_bytes, Buffer.byteLength(JSON.stringify(payload)));
        // AND mounted before it, droplets saw gzip bytes: it keeps none of them, only their count
        const bad = await recordOf(before);
        assert.equal(bad.response.body, null);
        assert.ok(bad.response.body_bytes < good.response.body_bytes);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
