'use strict';
// Apps for the mount-shape tests, written as data: an app (or a Router) made by its calls in
// order, each ['use', ...args] or ['get', path, ...handlers]. A shape then reads as its
// nesting in one expression rather than as the same lines of set-up again and again.

/** `factory` is `express` (an app) or `express.Router`; returns what it made, called in order. */
function made(factory, calls) {
  const app = factory();
  for (const [method, ...args] of calls) app[method](...args);
  return app;
}

module.exports = { made };
