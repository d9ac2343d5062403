/**
 * An OTLP/HTTP trace receiver for the bench's traced case: accepts what the gateway's exporter
 * posts to /v1/traces (JSON, as @opentelemetry/exporter-trace-otlp-http sends it), counts the
 * spans, and answers 200 as a collector does. GET /count answers {"spans": n, "posts": n}.
 * `node scripts/bench-otlp.js <port>`.
 */
const { createServer } = require('node:http');

const [port] = process.argv.slice(2);
let spans = 0;
let posts = 0;

function count(body) {
  const { resourceSpans = [] } = JSON.parse(body);
  for (const resource of resourceSpans) {
    for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0;
  }
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ spans, posts }));
    }
    posts++;
    try {
      count(Buffer.concat(chunks).toString());
    } catch {
      res.writeHead(400);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
}).listen(Number(port), '127.0.0.1');
