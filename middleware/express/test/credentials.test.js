'use strict';
// The app-side redaction knows the credentials the pii transform knows, from the one list
// both load (droplets/contract/credentials.json): its headers are never captured, its field
// rule masks values at any depth of bodies and the query, and its token formats are masked
// in every string. The shared fixture of name decisions (tests/fixtures/credential-names.json,
// checked by the Python suite too) is checked entry by entry, on real Express 4 and 5 servers.
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const droplets = require('..');
const { credentials, words, REPOSITORY_FILE } = require('../lib/credentials');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord, REPO_ROOT } = require('./helpers/schema');
const { sampleOf } = require('./helpers/token-samples');
const { EXPRESS_VERSIONS, listen, request } = require('./helpers/http');

const LIST = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'droplets', 'contract', 'credentials.json'), 'utf8'));
const NAMES = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'credential-names.json'), 'utf8'));
const SAMPLES = LIST.tokens.map(({ kind, pattern }) => ({ kind, sample: sampleOf(pattern) }));
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAx4Ub1pQ9mJ0kTzT0v2dQx0q', 'c2VjcmV0IGtleSBib2R5IGhlcmU=', '-----END RSA PRIVATE KEY-----'].join('\n');

async function captureWith(express, build, calls, options = {}) {
  const sqs = new FakeSqs();
  const mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: sqs, flushIntervalMs: 10, onError: () => {}, ...options });
  const app = express();
  app.use(mw);
  build(app, express);
  app.use(mw.errorHandler);
  app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
  const server = await listen(app);
  const responses = [];
  try {
    for (const call of calls) responses.push(await request(`${server.url}${call.path}`, call));
  } finally {
    await server.close();
    await mw.close(2000);
  }
  return { records: sqs.received.map(assertValidRecord), responses };
}

const json = (value) => ({ 'content-type': 'application/json', 'content-length': Buffer.byteLength(JSON.stringify(value)) });

describe('the credential list', () => {
  test('is read from the repository\'s droplets/contract/credentials.json, whole', () => {
    const list = credentials();
    assert.equal(list.file, REPOSITORY_FILE);
    assert.deepEqual(list.headers, LIST.headers.map((h) => h.toLowerCase()));
    assert.deepEqual(list.fields, LIST.fields);
    assert.deepEqual(list.wholeFields, LIST.whole_fields);
    assert.deepEqual(list.metadataWords, LIST.metadata_words);
    assert.deepEqual(list.tokens, LIST.tokens);
  });

  test('decides every name of the shared fixture as the fixture says', () => {
    const { isCredential } = credentials();
    assert.ok(NAMES.credential.length > 0 && NAMES.not_credential.length > 0);
    const wrong = [
      ...NAMES.credential.filter((n) => !isCredential(n)).map((n) => `${n}: should be a credential`),
      ...NAMES.not_credential.filter((n) => isCredential(n)).map((n) => `${n}: should not be a credential`),
    ];
    assert.deepEqual(wrong, []);
  });

  test('splits names into words as pii does: camelCase, acronyms, punctuation, accents dropped', () => {
    assert.deepEqual(words('user[newPassword]'), ['user', 'new', 'password']);
    assert.deepEqual(words('APIKey'), ['api', 'key']);
    assert.deepEqual(words('X_API_KEY'), ['x', 'api', 'key']);
    assert.deepEqual(words('card_number_last4'), ['card', 'number', 'last4']);
    assert.deepEqual(words('Prénom'), ['prenom']);
    assert.deepEqual(words('Contraseña'), ['contrasena']);
    assert.deepEqual(words('Straße'), ['strasse']);
    assert.deepEqual(words('mot-de-passe'), ['mot', 'de', 'passe']);
    assert.deepEqual(words('--'), []);
  });

  test('every token format has a sample that its pattern matches whole', () => {
    assert.equal(SAMPLES.length, LIST.tokens.length);
    for (const { kind, sample } of SAMPLES) assert.ok(sample.length > 0, kind);
  });
});

for (const [name, express] of EXPRESS_VERSIONS) {
  describe(`app-side redaction on ${name}`, () => {
    test('the fixture\'s names in a request body at three depths, in the query and in a response: credentials masked, the rest kept', async () => {
      // GIVEN a body holding every fixture name at the top, nested in an object and in a list
      const flat = Object.fromEntries([...NAMES.credential, ...NAMES.not_credential].map((n, i) => [n, `value-${i}`]));
      const body = { ...flat, nested: { deeper: { ...flat } }, list: [{ ...flat }] };
      const query = new URLSearchParams(flat).toString();
      const { records } = await captureWith(express, (app) => {
        app.use(express.json({ limit: '1mb' }));
        app.post('/names', (req, res) => res.json({ echo: req.body.nested }));
      }, [{ path: `/names?${query}`, method: 'POST', headers: json(body), body: JSON.stringify(body) }], { maxBodyBytes: 256 * 1024 });
      const record = records[0];
      // THEN each credential name's value is "[redacted]" wherever it sits, and every other value is as sent
      for (const [where, value] of [
        ['body', record.request.body],
        ['nested', record.request.body.nested.deeper],
        ['list', record.request.body.list[0]],
        ['response', record.response.body.echo.deeper],
      ]) {
        for (const n of NAMES.credential) assert.equal(value[n], '[redacted]', `${where}: ${n}`);
        for (const n of NAMES.not_credential) assert.equal(value[n], flat[n], `${where}: ${n}`);
      }
      // (the query parser of Express 4 nests `user[password]`: look for the values)
      const storedQuery = JSON.stringify(record.request.query);
      for (const n of NAMES.credential) assert.ok(!storedQuery.includes(`"${flat[n]}"`), `query: ${n}`);
      for (const n of NAMES.not_credential) assert.ok(storedQuery.includes(`"${flat[n]}"`), `query: ${n}`);
      assert.ok(!NAMES.credential.some((n) => JSON.stringify(record).includes(`"${flat[n]}"`)));
    });

    test('values that hold no secret stay: booleans and nulls under credential names, metadata about them', async () => {
      const body = { password: null, remember_password: true, token_type: 'bearer', expires_in: 3600, password_updated_at: '2024-05-01', pin: 1234, credentials: { user: 'ada', key: 'k' } };
      const { records } = await captureWith(express, (app) => {
        app.use(express.json());
        app.post('/meta', (req, res) => res.json({}));
      }, [{ path: '/meta', method: 'POST', headers: json(body), body: JSON.stringify(body) }]);
      assert.deepEqual(records[0].request.body, {
        password: null,
        remember_password: true,
        token_type: 'bearer',
        expires_in: 3600,
        password_updated_at: '2024-05-01',
        pin: '[redacted]',
        credentials: '[redacted]',
      });
    });

    test('every token format is masked in body strings, query values, text bodies, headers, the path and error messages', async () => {
      // GIVEN each sample inside ordinary text, everywhere a string goes into a record
      for (const { kind, sample } of SAMPLES) {
        const text = `see ${sample} here`;
        const body = { note: text, list: [text] };
        const { records, responses } = await captureWith(express, (app) => {
          app.use(express.json());
          app.post('/hooks/:id', (req, res) => res.json({ echoed: req.body.note }));
          app.get('/text/:id', (req, res) => res.type('text/plain').send(text));
          app.get('/fail/:id', () => {
            throw new Error(`upstream said: ${text}`);
          });
        }, [
          { path: `/hooks/${encodeURIComponent(sample)}?q=${encodeURIComponent(text)}`, method: 'POST', headers: { ...json(body), referer: `https://app.example.com/x?note=${encodeURIComponent(sample)}`, 'user-agent': text }, body: JSON.stringify(body) },
          { path: '/text/1' },
          { path: '/fail/1' },
        ]);
        // THEN the app answered with the real values, and no record holds the sample
        assert.equal(JSON.parse(responses[0].body).echoed, text, kind);
        for (const record of records) {
          const stored = JSON.stringify(record);
          assert.ok(!stored.includes(sample) && !stored.includes(encodeURIComponent(sample)), `${kind} left in ${stored}`);
        }
        const [post, plain, failed] = records;
        // (a private key's header without its END line is masked to the end of the text)
        const masked = kind === 'private_key' ? 'see [private_key]' : /^see \[[a-z_0-9]+\] here$/;
        const check = (value, where) => (typeof masked === 'string' ? assert.equal(value, masked, `${kind} ${where}`) : assert.match(value, masked, `${kind} ${where}`));
        check(post.request.body.note, 'body');
        check(post.request.body.list[0], 'list');
        check(post.request.query.q, 'query');
        check(post.request.headers['user-agent'], 'header');
        check(plain.response.body, 'text body');
        check(failed.error.message.replace('upstream said: ', ''), 'error');
        if (kind !== 'private_key') assert.equal(post.request.body.note, `see [${kind}] here`);
      }
    });

    test('a token glued to a longer word is not that token: left alone', async () => {
      const glued = SAMPLES.filter(({ kind }) => kind !== 'private_key').map(({ sample }) => `x${sample}0`);
      const { records } = await captureWith(express, (app) => {
        app.use(express.json());
        app.post('/glued', (req, res) => res.json({}));
      }, [{ path: '/glued', method: 'POST', headers: json({ glued }), body: JSON.stringify({ glued }) }]);
      assert.deepEqual(records[0].request.body.glued, glued);
    });

    test('a private key block is masked whole, and to the end of a body cut at the cap', async () => {
      const { records } = await captureWith(express, (app) => {
        app.get('/key', (req, res) => res.type('text/plain').send(`before\n${PEM}\nafter`));
        app.get('/cut', (req, res) => res.type('text/plain').send(`before\n${PEM}\nafter ${'x'.repeat(200)}`));
      }, [{ path: '/key' }, { path: '/cut' }], { maxBodyBytes: 60 });
      const key = records.find((r) => r.request.path === '/key');
      const cut = records.find((r) => r.request.path === '/cut');
      assert.equal(key.response.body_truncated, true);
      assert.equal(key.response.body, 'before\n[private_key]');
      assert.equal(cut.response.body, 'before\n[private_key]');
    });

    test('credential pairs in text: the first parameter of a URL, form bodies, prose; JSON cut at the cap', async () => {
      const form = 'access_token=at-123456789&token_type=bearer&expires_in=3600&refresh_token=rt-987654321';
      const cutJson = JSON.stringify({ user: 'ada', apiKey: 'ak-0123456789abcdef', clientSecret: 'cs-0123456789abcdef', items: 'x'.repeat(300) });
      const { records } = await captureWith(express, (app) => {
        app.get('/form', (req, res) => res.type('application/x-www-form-urlencoded').send(form));
        app.get('/cut', (req, res) => res.type('application/json').send(cutJson));
        app.get('/moved', (req, res) => res.redirect('https://app.example.com/reset?token=reset-0123456789&lang=en'));
        app.get('/login', () => {
          throw new Error('Login failed: password=hunter2 for user ada');
        });
      }, [
        { path: '/form' },
        { path: '/cut' },
        { path: '/moved', headers: { referer: 'https://app.example.com/reset?token=reset-0123456789' } },
        { path: '/login' },
      ], { maxBodyBytes: 120 });
      const of = (p) => records.find((r) => r.request.path === p);
      assert.equal(of('/form').response.body, 'access_token=[redacted]&token_type=bearer&expires_in=3600&refresh_token=[redacted]');
      assert.equal(of('/cut').response.body_truncated, true);
      assert.match(of('/cut').response.body, /^\{"user":"ada","apiKey":"\[redacted\]","clientSecret":"\[redacted\]","items":"x+$/);
      assert.equal(of('/moved').response.headers.location, 'https://app.example.com/reset?token=[redacted]&lang=en');
      assert.equal(of('/moved').request.headers.referer, 'https://app.example.com/reset?token=[redacted]');
      assert.equal(of('/login').error.message, 'Login failed: password=[redacted] for user ada');
      assert.ok(!JSON.stringify(records).includes('hunter2') && !JSON.stringify(records).includes('reset-0123456789'));
    });

    test('hostile text of 2 MiB (thousands of key headers or END lines, token prefixes, quotes, backslashes, pairs, %) is redacted in linear time', { timeout: 60000 }, async () => {
      // GIVEN text bodies built to make a careless scan quadratic (which at 2 MiB takes
      // minutes to hours: the test's timeout catches it; no speed is asserted)
      const MiB = 1 << 20;
      const hostile = {
        'pem-headers': '-----BEGIN RSA PRIVATE KEY-----\n'.repeat((2 * MiB) / 32),
        'pem-ends': 'QUJD\n-----END RSA PRIVATE KEY-----\n'.repeat((2 * MiB) / 35),
        'putty-headers': 'PuTTY-User-Key-File-2: ssh-rsa\n'.repeat((2 * MiB) / 31),
        'token-prefixes': 'AKIA'.repeat((2 * MiB) / 4),
        'long-runs': `sk_live_${'a'.repeat(200)} `.repeat((2 * MiB) / 209),
        quotes: '"a":'.repeat((2 * MiB) / 4),
        'open-string': `"password": "${'x'.repeat(2 * MiB)}`,
        backslashes: `${'\\'.repeat(100)}"`.repeat((2 * MiB) / 101),
        pairs: 'password='.repeat((2 * MiB) / 9),
        percents: '%41'.repeat((2 * MiB) / 3),
      };
      const { records } = await captureWith(express, (app) => {
        app.get('/hostile/:kind', (req, res) => res.type('text/plain').send(hostile[req.params.kind]));
      }, Object.keys(hostile).map((kind) => ({ path: `/hostile/${kind}` })), { maxBodyBytes: 3 * MiB, maxMessageBytes: 16 * MiB, maxBatchBytes: 16 * MiB });
      // THEN every record was built, and what is a credential is masked
      assert.equal(records.length, Object.keys(hostile).length);
      const of = (kind) => records.find((r) => r.request.path === `/hostile/${kind}`).response.body;
      assert.ok(!of('pem-headers').includes('BEGIN'));
      assert.ok(!of('pem-ends').includes('QUJD'));
      assert.equal(of('open-string'), '"password": "[redacted]"');
      assert.ok(!of('long-runs').includes('sk_live_'));
    });

    test('headers of the list, and any header named like a credential, are never captured even when allowlisted', async () => {
      const extra = ['x-my-api-key', 'x-upstream-password', 'x-token-count', 'x-tenant'];
      const headers = Object.fromEntries([...LIST.headers, ...extra].filter((h) => h !== 'set-cookie').map((h) => [h, `v-${h}`]));
      const { records } = await captureWith(express, (app) => {
        app.get('/h', (req, res) => res.set({ 'x-my-api-key': 'k', 'x-tenant': 't' }).cookie('sid', 'secret-cookie').json({}));
      }, [{ path: '/h', headers }], { requestHeaders: [...LIST.headers, ...extra], responseHeaders: [...LIST.headers, ...extra] });
      assert.deepEqual(records[0].request.headers, { 'x-token-count': 'v-x-token-count', 'x-tenant': 'v-x-tenant' });
      assert.deepEqual(records[0].response.headers, { 'x-tenant': 't' });
    });
  });
}
