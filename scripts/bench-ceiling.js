/**
 * The machine's ceiling for one benchmark case: a bare node:http server that answers every POST
 * with JSON.stringify of the same response object the gateway gave, read from the file named by
 * its first argument. `node scripts/bench-ceiling.js <body.json> <port>`.
 */
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');

const [file, port] = process.argv.slice(2);
const answer = JSON.parse(readFileSync(file, 'utf8'));

createServer((req, res) => {
  // Reads the request body like any server would, then serialises the answer anew.
  req.resume();
  req.on('end', () => {
    const body = JSON.stringify(answer);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
}).listen(Number(port), '127.0.0.1');
