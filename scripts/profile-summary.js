/**
 * The heaviest functions of a V8 CPU profile (`npm run bench -- --cpu-prof DIR` writes one per
 * gateway): `node scripts/profile-summary.js <file.cpuprofile> [rows]`. Self time is where the
 * samples landed; total time counts each function once per sample, whatever it called.
 */
const { readFileSync } = require('node:fs');

const [file, rowsArg = '30'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const nameOf = ({ callFrame: f }) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${f.lineNumber + 1}`;
const self = new Map();
const total = new Map();
// Shares of the time the process was busy: idle samples are left out.
const busy = profile.samples.filter((id) => byId.get(id).callFrame.functionName !== '(idle)');
const samples = busy.length;
for (const id of busy) {
  const node = byId.get(id);
  const name = nameOf(node);
  self.set(name, (self.get(name) ?? 0) + 1);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const frame = nameOf(byId.get(at));
    if (seen.has(frame)) continue;
    seen.add(frame);
    total.set(frame, (total.get(frame) ?? 0) + 1);
  }
}
const top = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(rowsArg))
    .map(([name, n]) => `${((100 * n) / samples).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
console.log(
  `${samples} busy samples of ${profile.samples.length}\n\nself:\n${top(self)}\n\ntotal:\n${top(total)}`,
);
