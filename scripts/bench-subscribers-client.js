/**
 * Subscribers for scripts/bench-subscribers.ts, in a process of their own so that their CPU is
 * not the server's: opens SSE streams with node:http when told, and records when each event of
 * the bench (text `bench <seq> <sent ms>`) arrives on each. Driven over IPC (`fork`):
 * `{cmd: 'open', url, path, body, count, events}` → `{type: 'opened', opened, refused}`;
 * `{cmd: 'stats'}` → `{type: 'stats', received, ended}`; `{cmd: 'report'}` → the same plus
 * `latencies` (ms, arrival − send) and `duplicates`.
 */
const http = require('node:http');

const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true });
/** One per stream: which events it got, so that a duplicate is not counted as a delivery. */
const streams = [];
const latencies = [];
let received = 0;
let duplicates = 0;
let ended = 0;
const BENCH = /^bench (\d+) ([\d.]+)$/;

function onEvent(stream, data, at) {
  let text;
  try {
    text = JSON.parse(data)?.data?.inboundSms?.text;
  } catch {
    return;
  }
  const match = typeof text === 'string' && BENCH.exec(text);
  if (!match) return;
  const seq = Number(match[1]);
  if (stream.seen[seq]) return void duplicates++;
  stream.seen[seq] = 1;
  received++;
  latencies.push(at - Number(match[2]));
}

/** Resolves with the status once the response's head is in; the stream then stays open. */
function openStream(target, body, events) {
  return new Promise((resolve) => {
    const stream = { seen: new Uint8Array(events), rest: '' };
    const req = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve(res.statusCode);
        }
        streams.push(stream);
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          // The arrival time of a chunk is that of every event completed in it.
          const at = now();
          const lines = (stream.rest + chunk).split('\n');
          stream.rest = lines.pop();
          for (const line of lines) {
            if (line.startsWith('data:')) onEvent(stream, line.slice(5).trim(), at);
          }
        });
        res.on('end', () => ended++);
        res.on('error', () => undefined);
        resolve(200);
      },
    );
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}

async function open({ url, path, body, count, events }) {
  const target = new URL(path, url);
  const refused = {};
  let opened = 0;
  // In batches, so that the server's accept backlog is never what refuses a connection.
  for (let done = 0; done < count;) {
    const batch = Math.min(50, count - done);
    const statuses = await Promise.all(
      Array.from({ length: batch }, () => openStream(target, body, events)),
    );
    for (const status of statuses) {
      if (status === 200) opened++;
      else refused[status] = (refused[status] ?? 0) + 1;
    }
    done += batch;
  }
  return { type: 'opened', opened, refused };
}

process.on('message', (message) => {
  const stats = { received, ended, duplicates };
  if (message.cmd === 'open') {
    open(message).then((answer) => process.send(answer));
  } else if (message.cmd === 'stats') {
    process.send({ type: 'stats', ...stats });
  } else if (message.cmd === 'report') {
    process.send({ type: 'report', ...stats, latencies });
  }
});
process.on('disconnect', () => process.exit(0));
