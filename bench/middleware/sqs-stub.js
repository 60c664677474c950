'use strict';
// A minimal SQS endpoint (AWS JSON 1.0 protocol) that accepts every SendMessageBatch, run as
// its own process by run.js so that its work does not slow the load generator. Prints its
// port, then on SIGTERM the number of messages it received.
const http = require('node:http');
const crypto = require('node:crypto');

let messages = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    const entries = input.Entries || [];
    messages += entries.length;
    const body = JSON.stringify({
      Successful: entries.map((e) => ({
        Id: e.Id,
        MessageId: crypto.randomUUID(),
        MD5OfMessageBody: crypto.createHash('md5').update(e.MessageBody).digest('hex'),
      })),
      Failed: [],
    });
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`));
process.on('SIGTERM', () => {
  console.log(`messages ${messages}`);
  process.exit(0);
});
