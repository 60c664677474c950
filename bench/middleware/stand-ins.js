'use strict';
// bench/middleware/stand-ins.js: the request mix served once through the example app, and
// stand-in req/res made from its captures, for the benches that measure droplets' own work
// without a load generator (capture-cost.js, paced-cost.js).
const http = require('node:http');
const path = require('node:path');
const { EventEmitter } = require('node:events');

const ROOT = path.resolve(__dirname, '..', '..');
const MARK = Symbol.for('@droplets/express.capture');
const OPTIONS = { queueUrl: 'http://127.0.0.1:9/000000000000/events', service: 'courses-api', redactPaths: ['card.number'], onError: () => {} };
/** An SQS client whose sends succeed at once. */
const discard = { send: async (command) => ({ Successful: command.input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }) };

const SESSION = { 'x-session-id': 'bench-session-000001' };
const REQUESTS = [
  { method: 'GET', path: '/courses?q=sql', headers: SESSION },
  { method: 'GET', path: '/courses/4', headers: SESSION },
  { method: 'POST', path: '/signup', headers: { ...SESSION, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', course_id: 4 }) },
  { method: 'GET', path: '/courses?q=data&limit=5', headers: SESSION },
];

/** Serve the request mix once through the example app with `middleware`; the captures, kept. */
async function captures(middleware) {
  const { createApp } = require(path.join(ROOT, 'examples', 'express-app', 'app.js'));
  const kept = [];
  const mounted = (req, res, next) => {
    kept.push(req);
    middleware(req, res, next);
  };
  mounted.errorHandler = middleware.errorHandler;
  const server = http.createServer(createApp(mounted));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new http.Agent({ keepAlive: true });
  for (const r of REQUESTS) {
    await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.address().port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the 'close' events
  agent.destroy();
  server.close();
  await middleware.close(1000);
  return kept.map((req) => req[MARK]).filter((c) => c && c.res);
}

/** A response as droplets sees it: headers, status, write/end (which do nothing else), 'close'. */
class StandInResponse extends EventEmitter {
  constructor(template) {
    super();
    this.statusCode = template.status;
    this.headers = template.headers;
    this.headersSent = false;
    this.writableEnded = false;
    this.writableFinished = false;
    this.destroyed = false;
  }

  getHeader(name) {
    return this.headers[name];
  }

  getHeaders() {
    return { ...this.headers };
  }

  write() {
    this.headersSent = true;
    return true;
  }

  end() {
    this.headersSent = true;
    this.writableEnded = true;
    this.writableFinished = true;
    return this;
  }
}

/**
 * Stand-ins for the requests of real captures: a function making a fresh {req, res, body} each
 * time. Like Express (app.handle: Object.setPrototypeOf(req, app.request), the same for res,
 * then properties added by the router and the app), each gets a prototype of its own app's
 * and a property added after that: from then on V8 gives every request's req and res hidden
 * classes of their own, so that droplets' property reads and additions on them cost what
 * they cost in the app (a stand-in of a shared hidden class would make them look 3-5x cheaper).
 * `copyBodies`: a fresh copy of a Buffer body each time (the worker's hand-off transfers it).
 */
function standIns(kept, { copyBodies = false } = {}) {
  const reqProto = Object.create(Object.prototype);
  const resProto = Object.create(StandInResponse.prototype);
  const noop = () => {};
  const templates = kept.map((c) => ({
    req: {
      method: c.req.method, url: c.req.url, originalUrl: c.req.originalUrl, headers: { ...c.req.headers }, query: c.req.query,
      body: c.req.body, _body: c.req._body, app: c.req.app, route: c.req.route, baseUrl: c.req.baseUrl, socket: { remoteAddress: c.req.socket.remoteAddress, remotePort: c.req.socket.remotePort },
    },
    res: { status: c.res.statusCode, headers: { ...c.res.getHeaders() } },
    body: c.body === null ? undefined : c.body.content(),
    locals: Object.create(null),
  }));
  return (i) => {
    const t = templates[i % templates.length];
    const req = { ...t.req };
    const res = new StandInResponse(t.res);
    req.res = res;
    res.req = req;
    Object.setPrototypeOf(req, reqProto);
    Object.setPrototypeOf(res, resProto);
    req.next = noop;
    res.locals = t.locals;
    return { req, res, body: copyBodies && Buffer.isBuffer(t.body) ? Buffer.from(t.body) : t.body };
  };
}

module.exports = { MARK, OPTIONS, REQUESTS, ROOT, captures, discard, standIns, StandInResponse };
