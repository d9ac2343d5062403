#!/usr/bin/env node
// The README's "Example operations" block is generated from schema/examples.graphql, the same
// file (and the same reader) GraphiQL's preloaded tabs are built from. To add an example, add an
// operation there and run `npm run examples`; a test fails while the README is stale.
// Usage: node scripts/examples.js [--check]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { readExamples } = require('./build-graphiql');

const readme = path.resolve(__dirname, '..', 'README.md');
const START =
  '<!-- examples:start (generated from schema/examples.graphql by npm run examples) -->';
const END = '<!-- examples:end -->';

/** The generated block: every example, in file order, as GraphiQL shows it in its tab. */
function renderExamples() {
  const body = readExamples()
    .map((text) => text.trimEnd())
    .join('\n\n');
  return `${START}\n\n\`\`\`graphql\n${body}\n\`\`\`\n\n${END}`;
}

/** The README with its block replaced by a fresh rendering. */
function updatedReadme(text = fs.readFileSync(readme, 'utf8')) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
  return text.slice(0, start) + renderExamples() + text.slice(end + END.length);
}

module.exports = { renderExamples, updatedReadme };

if (require.main === module) {
  const current = fs.readFileSync(readme, 'utf8');
  const next = updatedReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md examples are stale: run npm run examples');
      process.exit(1);
    }
  } else if (next !== current) {
    fs.writeFileSync(readme, next);
    console.log('README.md: examples rewritten from schema/examples.graphql');
  }
}
