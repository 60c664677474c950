'use strict';
// The example course-search API. `createApp(capture)` takes the droplets middleware (or
// null to run without it) so that the same app can be measured with and without it.
// `dbLatencyMs` makes each API route wait that long before answering, as for a database
// query: the catalogue is in memory, so without it the app is all CPU, unlike most APIs
// (bench/middleware measures both).
const express = require('express');
const compression = require('compression');
const { search, byId } = require('./courses');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A route step that waits `ms`, as a database call would (none for 0). */
function simulatedDatabase(ms) {
  if (ms === 0) return [];
  return [(req, res, next) => setTimeout(next, ms)];
}

function createApp(capture, { dbLatencyMs = 0 } = {}) {
  if (!(Number.isFinite(dbLatencyMs) && dbLatencyMs >= 0)) throw new TypeError(`dbLatencyMs must be a number >= 0, got ${dbLatencyMs}`);
  const db = simulatedDatabase(dbLatencyMs);
  const app = express();
  // req.ip (and so each record's request.ip) is the client behind a proxy on this host.
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');

  // Mount order: compression first, then droplets, so that droplets' res.write/res.end
  // wrappers sit above compression's and see the JSON the handlers write, not gzip bytes.
  // Body parsers come after droplets: it reads req.body when the response finishes.
  app.use(compression());
  if (capture) app.use(capture);
  app.use(express.json({ limit: '100kb' }));

  app.get('/health', (req, res) => res.json({ ok: true }));

  app.get('/courses', ...db, (req, res) => {
    const limit = Math.min(Number(req.query.limit) || 10, 50);
    res.json(search(req.query.q, limit));
  });

  app.get('/courses/:id', ...db, (req, res) => {
    const course = byId(req.params.id);
    if (!course) return res.status(404).json({ error: 'course not found' });
    return res.json(course);
  });

  let signups = 0;
  app.post('/signup', ...db, (req, res) => {
    const { email, course_id: courseId } = req.body || {};
    if (typeof email !== 'string' || !EMAIL.test(email)) return res.status(400).json({ error: 'a valid email is required' });
    if (courseId !== undefined && !byId(courseId)) return res.status(422).json({ error: 'unknown course_id' });
    signups += 1;
    return res.status(201).json({ signup_id: signups, email, course_id: courseId ?? null });
  });

  // A flaky dependency, as every startup has one: every fourth call fails.
  let recommendations = 0;
  app.get('/recommendations', ...db, (req, res) => {
    recommendations += 1;
    if (recommendations % 4 === 0) throw new Error('recommendation service timed out');
    res.json({ results: search('beginner', 3).results });
  });

  app.use((req, res) => res.status(404).json({ error: 'not found' }));
  if (capture) app.use(capture.errorHandler); // notes the error for the record, then passes it on
  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, next) => {
    const status = err.status || err.statusCode || 500;
    res.status(status).json({ error: status >= 500 ? 'internal error' : err.message });
  });
  return app;
}

module.exports = { createApp };
