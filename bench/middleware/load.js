'use strict';
// The load every set-up of bench/middleware gets (run.js, profile.js): autocannon on the
// example app's four calls, one session, a JSON sign-up among them.
const autocannon = require('autocannon');

function load(url, duration, connections = 10) {
  const session = { 'x-session-id': 'bench-session-000001' };
  return autocannon({
    url,
    connections,
    duration,
    requests: [
      { method: 'GET', path: '/courses?q=sql', headers: session },
      { method: 'GET', path: '/courses/4', headers: session },
      { method: 'POST', path: '/signup', headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', course_id: 4 }) },
      { method: 'GET', path: '/courses?q=data&limit=5', headers: session },
    ],
  });
}

module.exports = { load };
