'use strict';
// Reading a response's state through Node's own accessors and methods, called directly.
//
// Express gives every response a prototype of its app's (bench/README.md, "Issue 17, profiled
// under load"), so that V8 caches nothing across requests for it: each read of
// `res.writableEnded`, `res.writableFinished` or `res.getHeader` looks the name up along the
// response's whole prototype chain (the response, the app's response, Express's, then
// ServerResponse's and OutgoingMessage's prototypes) before it finds Node's accessor. Calling
// that accessor directly skips the search; what it reads is the same. Only for responses that
// are Node's (`instanceof ServerResponse`); anything else is read as it presents itself.
const { OutgoingMessage, ServerResponse } = require('node:http');

function accessor(name) {
  const descriptor = Object.getOwnPropertyDescriptor(OutgoingMessage.prototype, name);
  return descriptor && typeof descriptor.get === 'function' ? descriptor.get : null;
}

const WRITABLE_ENDED = accessor('writableEnded');
const WRITABLE_FINISHED = accessor('writableFinished');
const GET_HEADER = typeof OutgoingMessage.prototype.getHeader === 'function' ? OutgoingMessage.prototype.getHeader : null;
const AVAILABLE = WRITABLE_ENDED !== null && WRITABLE_FINISHED !== null && GET_HEADER !== null;

/** Whether `res` is Node's own response, whose state the functions below may read directly. */
function isNodeResponse(res) {
  return AVAILABLE && res instanceof ServerResponse;
}

const writableEnded = (res, native) => (native ? WRITABLE_ENDED.call(res) : res.writableEnded);
const writableFinished = (res, native) => (native ? WRITABLE_FINISHED.call(res) : res.writableFinished);
const getHeader = (res, name, native) => (native ? GET_HEADER.call(res, name) : res.getHeader(name));

module.exports = { isNodeResponse, writableEnded, writableFinished, getHeader };
