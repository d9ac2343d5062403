/**
 * The machine's ceiling for scripts/bench-subscribers.ts: a bare node:http server that keeps every
 * POST /graphql/stream open as a server-sent event stream and, on POST /publish {"seq", "text"},
 * writes the event a subscription `inboundSms { eventId text }` gets to each of them (a fan-out of
 * res.write, no GraphQL). GET /count answers how many are open.
 * `node scripts/bench-subscribers-ceiling.js <port>`.
 */
const { createServer } = require('node:http');

const [port] = process.argv.slice(2);
const open = new Set();

function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

createServer(async (req, res) => {
  const body = await readBody(req);
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ open: open.size }));
  }
  if (req.method === 'POST' && req.url === '/graphql/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.flushHeaders();
    open.add(res);
    res.once('close', () => open.delete(res));
    return;
  }
  if (req.method === 'POST' && req.url === '/publish') {
    const { seq, text } = JSON.parse(body);
    const data = JSON.stringify({ data: { inboundSms: { eventId: `${seq}-0`, text } } });
    const event = `event: next\ndata: ${data}\n\n`;
    for (const stream of open) stream.write(event);
    res.writeHead(204);
    return res.end();
  }
  res.writeHead(404);
  res.end();
}).listen(Number(port), '127.0.0.1');
