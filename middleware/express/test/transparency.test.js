'use strict';
// droplets changes nothing an app or its clients can observe. The same app is served twice,
// with and without droplets mounted, and every case of a wide set of Express features is
// sent to both as raw HTTP: the response bytes on the wire (status line, every header in
// order, body, chunked framing) must be identical, and so must what the app itself saw
// (write's return values, callbacks and their errors, events, req.route, params...).
// The Date header is switched off in both apps (`res.sendDate = false`), the only
// difference two servers would otherwise show; errors carry a fixed stack, since any
// middleware that calls next() appears in the stack of errors thrown below it.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const compression = require('compression');
const droplets = require('..');
const { FakeSqs } = require('./helpers/fake-sqs');
const { assertValidRecord } = require('./helpers/schema');
const { EXPRESS_VERSIONS, listen, waitFor } = require('./helpers/http');

let dir;
let bigFile;
let smallFile;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'droplets-transparency-'));
  smallFile = path.join(dir, 'report.txt');
  fs.writeFileSync(smallFile, 'quarterly report: all good\n'.repeat(40));
  bigFile = path.join(dir, 'big.bin');
  fs.writeFileSync(bigFile, Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7) % 251)));
  fs.writeFileSync(path.join(dir, 'page.tpl'), '<h1>{{title}}</h1><p>{{who}}</p>');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function fixedError(message, extra = {}) {
  const err = Object.assign(new Error(message), extra);
  err.stack = `Error: ${message}`;
  return err;
}

/** The app under test; `log(...)` notes what the app observes, per request. */
function buildApp(express, version, mw, log) {
  const app = express();
  app.set('env', 'test'); // the default error handler neither logs nor hides messages
  app.set('views', dir);
  app.set('view engine', 'tpl');
  app.engine('tpl', (file, options, callback) => {
    fs.readFile(file, 'utf8', (err, text) => callback(err, err ? undefined : text.replace(/\{\{(\w+)\}\}/g, (_, k) => String(options[k]))));
  });
  app.use((req, res, next) => {
    res.sendDate = false;
    next();
  });
  app.use('/gz', compression({ threshold: 0 }));
  if (mw) app.use(mw);
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(express.text());
  app.use(express.raw({ type: 'application/octet-stream' }));

  const payload = { id: 42, title: 'Intro to SQL', tags: ['sql', 'data'], price: 12.5 };
  app.get('/json', (req, res) => res.json(payload));
  app.get('/gz/json', (req, res) => res.json({ results: Array.from({ length: 200 }, (_, i) => ({ i, title: `Course ${i}` })) }));
  app.get('/big-json', (req, res) => res.json({ rows: Array.from({ length: 2000 }, (_, i) => ({ i, password: `p${i}` })) }));
  app.get('/send-string', (req, res) => res.send('<p>hello</p>'));
  app.get('/send-buffer', (req, res) => res.send(Buffer.from([0, 1, 2, 250, 255])));
  app.get('/status', (req, res) => res.status(201).set({ 'X-One': '1', 'X-List': ['a', 'b'] }).send('created'));
  app.get('/send-status', (req, res) => res.sendStatus(204));
  app.get('/cookies', (req, res) => {
    res.cookie('a', '1');
    res.cookie('b', '2', { httpOnly: true, path: '/x', sameSite: 'lax' });
    res.append('Set-Cookie', 'c=3; Secure');
    res.send('cookies');
  });
  app.get('/headers', (req, res) => {
    res.location('/elsewhere').links({ next: '/headers?page=2' }).vary('Accept').attachment('x.csv').type('text/csv');
    res.setHeader('x-many', ['1', '2', '3']);
    log('headersSent before', res.headersSent, res.getHeaderNames());
    res.send('a,b\n1,2\n');
    log('headersSent after', res.headersSent);
  });
  app.get('/format', (req, res) =>
    res.format({ 'text/plain': () => res.send('plain'), 'application/json': () => res.json({ format: 'json' }), default: () => res.sendStatus(406) }));
  app.get('/jsonp', (req, res) => res.jsonp({ ok: true }));
  app.get('/file', (req, res) =>
    res.sendFile(smallFile, (err) => {
      // with a callback, the app answers errors itself (a 416 for an unsatisfiable range)
      log('sendFile callback', err ? err.status || err.code : null, res.headersSent);
      if (err && !res.headersSent) res.status(err.status || 500).send(`sendFile: ${err.status}`);
    }));
  app.get('/download', (req, res) => res.download(smallFile, 'report.txt', (err) => log('download callback', err ? err.code : null)));
  app.get('/redirect', (req, res) => res.redirect('/json'));
  app.get('/redirect-301', (req, res) => res.redirect(301, 'https://example.com/moved'));
  app.get('/render', (req, res) => res.render('page', { title: 'Courses', who: 'everyone' }));
  app.get('/pipe', (req, res) => {
    res.type('application/octet-stream');
    const stream = fs.createReadStream(bigFile, { highWaterMark: 64 * 1024 });
    stream.pipe(res);
    stream.on('end', () => log('pipe end'));
    res.on('finish', () => log('finish'));
  });
  app.get('/backpressure', (req, res) => {
    res.type('application/octet-stream');
    const chunk = Buffer.alloc(256 * 1024, 0x62);
    let written = 0;
    let sawFalse = false;
    let callbacks = 0;
    const pump = () => {
      while (written < 12) {
        written += 1;
        const ok = res.write(chunk, () => (callbacks += 1));
        if (ok !== true && ok !== false) log('write returned a non-boolean', ok);
        if (!ok) {
          sawFalse = true;
          res.once('drain', pump);
          return;
        }
      }
      res.end(() => log('backpressure', { written, sawFalse, callbacks }));
    };
    pump();
  });
  app.get('/chunks', (req, res) => {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    const order = [];
    const returns = [
      res.write('hello '),
      res.write(Buffer.from('big '), (err) => order.push(['buffer', err])),
      res.write('776f726c6420', 'hex', (err) => order.push(['hex', err])),
      res.write('c3Ryw7xtZSA=', 'base64'),
      res.write(new Uint8Array([0x21, 0x20])),
      res.write('caf\u00e9 ', 'latin1'),
      res.write('\u00e9t\u00e9 ', 'utf16le'),
      res.write(''),
    ];
    const endReturn = res.end('fin', 'utf8', () => {
      order.push(['end']);
      log('chunks', { returns, order, writableEnded: res.writableEnded, writableFinished: res.writableFinished });
    });
    log('end returned res', endReturn === res);
  });
  app.get('/write-head', (req, res) => {
    res.setHeader('x-before', 'kept');
    res.writeHead(202, 'Accepted For Later', { 'content-type': 'text/plain', 'x-head': ['1', '2'] });
    log('writeHead', res.headersSent, res.statusCode, res.statusMessage);
    res.end('queued');
  });
  app.get('/flush-headers', (req, res) => {
    res.type('text/plain');
    res.flushHeaders();
    log('flushed', res.headersSent);
    setTimeout(() => res.end('later'), 5);
  });
  app.get('/end-twice', (req, res) => {
    res.on('error', (err) => log('response error event', err.code)); // Node emits one for end(chunk) after end
    res.type('text');
    res.end('one');
    const second = res.end('two', (err) => log('second end callback', err && err.code));
    log('second end returned res', second === res);
  });
  app.get('/write-after-end', (req, res) => {
    res.on('error', (err) => log('response error event', err.code));
    res.type('text');
    res.end('done');
    const ok = res.write('more', (err) => log('late write callback', err && err.code));
    log('late write returned', ok);
  });
  app.get('/throw', () => {
    throw fixedError('sync boom');
  });
  app.get('/throw-status', () => {
    throw fixedError('teapot', { status: 418, expose: true });
  });
  app.get('/next-err', (req, res, next) => next(fixedError('forbidden', { status: 403 })));
  app.get('/next-route', (req, res, next) => next('route'), (req, res) => res.send('skipped'));
  app.get('/next-route', (req, res) => res.send('second route'));
  if (version === 5) {
    app.get('/async-throw', async () => {
      await new Promise((r) => setImmediate(r));
      throw fixedError('async boom');
    });
    app.get('/{*rest}/splat', (req, res) => res.json({ rest: req.params.rest, route: req.route.path }));
  } else {
    app.get('/async-throw', (req, res, next) => {
      setImmediate(() => next(fixedError('async boom')));
    });
    app.get('/*/splat', (req, res) => res.json({ rest: req.params[0], route: req.route.path }));
  }
  app.get('/custom-error', () => {
    throw fixedError('handled');
  });
  app.post('/echo', (req, res) => res.json({ body: req.body, type: typeof req.body, isBuffer: Buffer.isBuffer(req.body), length: req.body && req.body.length }));
  app.get('/query', (req, res) => res.json({ query: req.query }));
  app.get('/hang', (req, res) => {
    req.on('close', () => log('req close', { destroyed: req.destroyed }));
    res.on('close', () => log('res close', { writableFinished: res.writableFinished, writableEnded: res.writableEnded, headersSent: res.headersSent }));
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
  });

  const tenant = express.Router({ mergeParams: true });
  tenant.get('/users/:user', (req, res) =>
    res.json({ route: req.route.path, baseUrl: req.baseUrl, params: req.params, originalUrl: req.originalUrl, url: req.url }));
  tenant.use((req, res, next) => {
    log('tenant middleware', { baseUrl: req.baseUrl, route: req.route, hasRoute: 'route' in req });
    next();
  });
  app.use('/t/:tenant', tenant);
  const sub = express();
  sub.set('env', 'test');
  sub.get('/where', (req, res) => res.json({ mountpath: req.app.mountpath, baseUrl: req.baseUrl, route: req.route.path, appIsSub: req.app === sub }));
  app.use('/sub', sub);

  app.use('/custom-error', (err, req, res, next) => res.status(503).json({ message: err.message }));
  if (mw) app.use(mw.errorHandler);
  return app;
}

/** One raw HTTP exchange; resolves with every byte the server sent until it closed. */
function raw(port, text, { abortAfterFirstChunk = false } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.on('connect', () => socket.write(text));
    socket.on('data', (c) => {
      chunks.push(c);
      if (abortAfterFirstChunk) {
        socket.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

function requestText(method, target, headers = {}, body = '') {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function headerOf(response, name) {
  const head = response.toString('latin1').split('\r\n\r\n')[0];
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line && line.slice(name.length + 1).trim();
}

// Each case: a name and the requests to send (a function of earlier responses for
// conditional requests). `abort` closes the connection after the first bytes arrive.
const CASES = [
  ['res.json', [requestText('GET', '/json')]],
  ['res.json under compression (gzip)', [requestText('GET', '/gz/json', { 'Accept-Encoding': 'gzip' })]],
  ['res.json larger than maxBodyBytes', [requestText('GET', '/big-json')]],
  ['res.send string', [requestText('GET', '/send-string')]],
  ['res.send Buffer', [requestText('GET', '/send-buffer')]],
  ['status and multi-value headers', [requestText('GET', '/status')]],
  ['res.sendStatus(204)', [requestText('GET', '/send-status')]],
  ['several Set-Cookie', [requestText('GET', '/cookies')]],
  ['location, links, vary, attachment', [requestText('GET', '/headers')]],
  ['res.format: text', [requestText('GET', '/format', { Accept: 'text/plain' })]],
  ['res.format: json', [requestText('GET', '/format', { Accept: 'application/json' })]],
  ['res.format: 406', [requestText('GET', '/format', { Accept: 'image/png' })]],
  ['res.jsonp', [requestText('GET', '/jsonp?callback=cb')]],
  ['ETag then If-None-Match: 304', [requestText('GET', '/json'), (prev) => requestText('GET', '/json', { 'If-None-Match': headerOf(prev[0], 'etag') })]],
  ['res.sendFile', [requestText('GET', '/file')]],
  ['res.sendFile with Range: 206', [requestText('GET', '/file', { Range: 'bytes=5-24' })]],
  ['res.sendFile with an unsatisfiable Range: 416', [requestText('GET', '/file', { Range: 'bytes=99999-' })]],
  ['res.sendFile then If-Modified-Since: 304', [requestText('GET', '/file'), (prev) => requestText('GET', '/file', { 'If-Modified-Since': headerOf(prev[0], 'last-modified') })]],
  ['res.download', [requestText('GET', '/download')]],
  ['res.redirect', [requestText('GET', '/redirect')]],
  ['res.redirect 301, HTML accepted', [requestText('GET', '/redirect-301', { Accept: 'text/html' })]],
  ['res.render', [requestText('GET', '/render')]],
  ['a 3 MiB file piped', [requestText('GET', '/pipe')]],
  ['backpressure: write false, drain, callbacks', [requestText('GET', '/backpressure')]],
  ['chunked writes in encodings with callbacks', [requestText('GET', '/chunks')]],
  ['writeHead with a status message', [requestText('GET', '/write-head')]],
  ['flushHeaders, then end later', [requestText('GET', '/flush-headers')]],
  ['res.end twice', [requestText('GET', '/end-twice')]],
  ['write after end', [requestText('GET', '/write-after-end')]],
  ['HEAD of res.json', [requestText('HEAD', '/json')]],
  ['HEAD of sendFile', [requestText('HEAD', '/file')]],
  ['HEAD of chunked writes', [requestText('HEAD', '/chunks')]],
  ['OPTIONS: the automatic Allow answer', [requestText('OPTIONS', '/json')]],
  ['a method no route takes', [requestText('DELETE', '/json')]],
  ['404', [requestText('GET', '/nowhere/at/all?x=1')]],
  ['a sync throw: default handler 500', [requestText('GET', '/throw')]],
  ['a throw with status 418', [requestText('GET', '/throw-status')]],
  ['an async error', [requestText('GET', '/async-throw')]],
  ['next(err) with status 403', [requestText('GET', '/next-err')]],
  ["next('route')", [requestText('GET', '/next-route')]],
  ['an app error handler', [requestText('GET', '/custom-error')]],
  ['a malformed JSON body: 400', [requestText('POST', '/echo', { 'Content-Type': 'application/json' }, '{"broken":')]],
  ['POST JSON', [requestText('POST', '/echo', { 'Content-Type': 'application/json' }, JSON.stringify({ email: 'a@example.com', password: 'hunter2', n: [1, 2] }))]],
  ['POST urlencoded', [requestText('POST', '/echo', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'user=ada&token=abc&x=1&x=2')]],
  ['POST text', [requestText('POST', '/echo', { 'Content-Type': 'text/plain' }, 'just text')]],
  ['POST raw', [requestText('POST', '/echo', { 'Content-Type': 'application/octet-stream' }, 'binary-ish')]],
  ['a chunked request body', ['POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{"a":1}\r\n0\r\n\r\n']],
  ['the query', [requestText('GET', '/query?a=1&b=2&b=3&password=x&nested[k]=v')]],
  ['a mounted router with params (mergeParams)', [requestText('GET', '/t/acme/users/jane.doe%40example.com?x=1')]],
  ['a router middleware sees no route yet', [requestText('GET', '/t/acme/other')]],
  ['a sub-app', [requestText('GET', '/sub/where')]],
  ['a splat route', [requestText('GET', '/a/b/c/splat')]],
  ['two requests on one keep-alive connection', ['GET /json HTTP/1.1\r\nHost: x\r\n\r\nGET /send-string HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']],
  ['a client that hangs up mid-response', [requestText('GET', '/hang')], { abort: true, logs: 2 }],
];

for (const [name, express] of EXPRESS_VERSIONS) {
  const version = Number(name.split(' ')[1]);
  describe(`droplets is invisible to the app and its clients, on ${name}`, () => {
    let withDroplets;
    let without;
    let sqs;
    let mw;
    before(async () => {
      sqs = new FakeSqs();
      mw = droplets({ queueUrl: 'http://127.0.0.1:9/000000000000/events', client: sqs, flushIntervalMs: 10, maxBodyBytes: 4096, onError: () => {} });
      withDroplets = { logs: [] };
      without = { logs: [] };
      withDroplets.server = await listen(buildApp(express, version, mw, (...args) => withDroplets.logs.push(args)));
      without.server = await listen(buildApp(express, version, null, (...args) => without.logs.push(args)));
    });
    after(async () => {
      await withDroplets.server.close();
      await without.server.close();
      await mw.close(2000);
    });

    for (const [caseName, requests, opts = {}] of CASES) {
      test(caseName, { timeout: 20000 }, async () => {
        // GIVEN the same app with and without droplets, and fresh logs of what each app saw
        withDroplets.logs.length = 0;
        without.logs.length = 0;
        const responses = { with: [], without: [] };
        // WHEN the same raw requests are sent to both
        for (const make of requests) {
          for (const [key, side] of [['with', withDroplets], ['without', without]]) {
            const text = typeof make === 'function' ? make(responses[key]) : make;
            responses[key].push(await raw(side.server.port, text, { abortAfterFirstChunk: opts.abort }));
          }
        }
        if (opts.logs) {
          await waitFor(() => withDroplets.logs.length >= opts.logs && without.logs.length >= opts.logs, 5000, 'the app to see the hang-up');
        } else {
          // let callbacks that run after the response (finish, write callbacks) land
          await new Promise((r) => setTimeout(r, 50));
        }
        // THEN the bytes on the wire are identical
        for (let i = 0; i < responses.with.length; i += 1) {
          const a = responses.with[i];
          const b = responses.without[i];
          assert.ok(a.length > 0 || opts.abort === undefined, 'a response arrived');
          if (!a.equals(b)) {
            assert.equal(a.toString('latin1').slice(0, 4000), b.toString('latin1').slice(0, 4000), `response ${i} differs`);
            assert.fail(`response ${i} differs beyond its first 4000 bytes (${a.length} vs ${b.length} bytes)`);
          }
        }
        // AND the app saw the same things
        assert.deepEqual(withDroplets.logs, without.logs);
      });
    }

    test('and every request of the cases above was captured, as a valid record', async () => {
      await mw.close(2000);
      assert.equal(sqs.received.length, mw.stats().captured);
      assert.ok(mw.stats().captured >= CASES.length, `${mw.stats().captured} captured`);
      for (const record of sqs.received) assertValidRecord(record);
      const pipe = sqs.received.find((r) => r.request.path === '/pipe');
      assert.equal(pipe.response.body_bytes, 3 * 1024 * 1024);
      const twice = sqs.received.find((r) => r.request.path === '/end-twice');
      assert.equal(twice.response.body, 'one', 'what was not sent is not recorded');
      const late = sqs.received.find((r) => r.request.path === '/write-after-end');
      assert.equal(late.response.body, 'done');
    });
  });
}
