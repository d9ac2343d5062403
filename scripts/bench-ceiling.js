/**
 * The machine's ceiling for one benchmark case: a bare node:http server that answers every POST
 * with JSON.stringify of one of the response objects the gateway gave, each in turn, read from
 * the JSON array in the file named by its first argument.
 * `node scripts/bench-ceiling.js <answers.json> <port>`.
 */
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');

const [file, port] = process.argv.slice(2);
const answers = JSON.parse(readFileSync(file, 'utf8'));
let next = 0;

createServer((req, res) => {
  // Reads the request body like any server would, then serialises an answer anew.
  req.resume();
  req.on('end', () => {
    const body = JSON.stringify(answers[next++ % answers.length]);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
}).listen(Number(port), '127.0.0.1');
