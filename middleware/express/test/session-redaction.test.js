'use strict';
// The session-ID rule (docs/architecture.md) and redaction before anything leaves the process.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const express = require('express5');
const droplets = require('..');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord } = require('./helpers/schema');
const { listen, request, waitFor } = require('./helpers/http');

async function capture(options, handlerSetup, calls) {
  const sqs = new FakeSqs();
  const mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: sqs, flushIntervalMs: 10, onError: () => {}, ...options });
  const app = express();
  app.use(mw);
  handlerSetup(app);
  const server = await listen(app);
  const responses = [];
  try {
    for (const call of calls) responses.push(await request(`${server.url}${call.path}`, call));
    await waitFor(() => sqs.received.length >= calls.length, 5000, 'records');
  } finally {
    await server.close();
  }
  return { records: sqs.received.map(assertValidRecord), responses };
}

const echo = (app) => {
  app.use(express.json());
  app.all('/{*rest}', (req, res) => res.json({ ok: true }));
};

describe('session IDs', () => {
  test('valid IDs are kept; invalid ones become null + session_invalid; the request is never rejected', async () => {
    // GIVEN a table of header values
    const cases = [
      ['c0ffee00-1234-4abc-9def-0123456789ab', true],
      ['abcDEF_-', true], // 8 characters: the shortest allowed
      ['a'.repeat(128), true],
      ['a'.repeat(129), false],
      ['short', false],
      ['../../etc/passwd', false],
      ['has space in it', false],
      ['_nosession', false], // the index's own partition
      ['ümlaut-session-id', false],
    ];
    const calls = cases.map(([value], i) => ({ path: `/s/${i}`, headers: { 'x-session-id': value } }));
    calls.push({ path: '/s/none', headers: {} });
    // WHEN each is sent
    const { records, responses } = await capture({}, echo, calls);
    // THEN every request got its normal answer
    assert.ok(responses.every((r) => r.status === 200));
    for (const [i, [value, valid]] of cases.entries()) {
      const record = records.find((r) => r.request.path === `/s/${i}`);
      if (valid) {
        assert.equal(record.session_id, value);
        assert.equal(record.session_invalid, undefined);
      } else {
        assert.equal(record.session_id, null, `${value} must not be kept`);
        assert.equal(record.session_invalid, true);
      }
    }
    const none = records.find((r) => r.request.path === '/s/none');
    assert.equal(none.session_id, null);
    assert.equal(none.session_invalid, undefined, 'no session is not an invalid session');
  });

  test('a configurable cookie carries the session when the header is absent; the header wins', async () => {
    const { records } = await capture({ sessionCookie: 'sid' }, echo, [
      { path: '/c/1', headers: { cookie: 'theme=dark; sid=cookie-session-1234' } },
      { path: '/c/2', headers: { cookie: 'sid=cookie-session-1234', 'x-session-id': 'header-session-5678' } },
      { path: '/c/3', headers: { cookie: 'sid=bad id' } },
    ]);
    const of = (p) => records.find((r) => r.request.path === p);
    assert.equal(of('/c/1').session_id, 'cookie-session-1234');
    assert.equal(of('/c/2').session_id, 'header-session-5678');
    assert.equal(of('/c/3').session_id, null);
    assert.equal(of('/c/3').session_invalid, true);
    assert.equal(of('/c/1').request.headers.cookie, undefined, 'the cookie header itself is a credential');
  });
});

describe('redaction', () => {
  test('credential headers are dropped even when allowlisted; configured extra headers too', async () => {
    const { records } = await capture(
      {
        requestHeaders: ['authorization', 'cookie', 'x-api-key', 'user-agent', 'x-tenant', 'x-internal'],
        responseHeaders: ['set-cookie', 'content-type', 'x-internal'],
        redactHeaders: ['X-Internal'],
      },
      (app) => app.get('/h', (req, res) => res.set('x-internal', 'abc').cookie('sid', 'secret').json({})),
      [{ path: '/h', headers: { authorization: 'Bearer abc', cookie: 'a=b', 'x-api-key': 'k', 'user-agent': 'ua', 'x-tenant': 't1', 'x-internal': 'i' } }]
    );
    assert.deepEqual(records[0].request.headers, { 'user-agent': 'ua', 'x-tenant': 't1' });
    assert.deepEqual(Object.keys(records[0].response.headers), ['content-type']);
  });

  test('explicit paths and credential names are masked before sending; the app still sees the originals', async () => {
    // GIVEN paths from the root, with * and with ** (any depth), on top of the credential names
    let appSaw;
    const { records } = await capture(
      { redactPaths: ['card.number', 'items.*.ssn', '**.internal_note'] },
      (app) => {
        app.use(express.json());
        app.post('/signup', (req, res) => {
          appSaw = structuredClone(req.body);
          res.json({ user: { email: req.body.email, token: 'session-token-xyz' } });
        });
      },
      [{
        path: '/signup?token=abc&ref=mail',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'ada@example.com',
          password: 'hunter2',
          card: { number: '4111111111111111', exp: '12/30' },
          items: [{ ssn: '1', keep: 1 }, { ssn: '2', keep: 2 }],
          nested: { deeper: { Password: 'x', internal_note: 'n' } },
        }),
      }]
    );
    const record = records[0];
    // THEN the record holds none of them
    assert.deepEqual(record.request.body, {
      email: 'ada@example.com',
      password: '[redacted]',
      card: { number: '[redacted]', exp: '12/30' },
      items: [{ ssn: '[redacted]', keep: 1 }, { ssn: '[redacted]', keep: 2 }],
      nested: { deeper: { Password: '[redacted]', internal_note: '[redacted]' } },
    });
    assert.deepEqual(record.request.query, { token: '[redacted]', ref: 'mail' });
    assert.deepEqual(record.response.body, { user: { email: 'ada@example.com', token: '[redacted]' } });
    // AND redaction worked on copies: the handler got everything
    assert.equal(appSaw.password, 'hunter2');
    assert.equal(appSaw.card.number, '4111111111111111');
    assert.ok(!JSON.stringify(record).includes('hunter2'));
  });

  test('a body nested deeper than the walk goes is cut, so ** cannot be dodged', async () => {
    let nested = { password: 'deep-secret' };
    for (let i = 0; i < 100; i += 1) nested = { n: nested };
    const { records } = await capture({ maxBodyBytes: 64 * 1024 }, (app) => {
      app.use(express.json({ limit: '1mb' }));
      app.post('/deep', (req, res) => res.json({}));
    }, [{ path: '/deep', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(nested) }]);
    assert.ok(!JSON.stringify(records[0]).includes('deep-secret'));
  });

  test('an invalid redaction path fails at start-up with a message naming it', () => {
    assert.throws(() => droplets({ queueUrl: 'http://127.0.0.1:9/q', redactPaths: ['a..b'] }), /redactPaths entry "a\.\.b"/);
    assert.throws(() => droplets({}), /queueUrl/);
    assert.throws(() => droplets({ queueUrl: 'http://127.0.0.1:9/q', maxBodyBytes: -1 }), /maxBodyBytes/);
    assert.throws(() => droplets({ queueUrl: 'http://127.0.0.1:9/q', sampleRate: 2 }), /sampleRate/);
  });
});
