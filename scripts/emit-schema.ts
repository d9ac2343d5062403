import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emittedSchemaFiles } from '../src/server/schema.emit';

/** Writes schema/schema.graphql (public SDL) and schema/subgraph.graphql (federation SDL). */
async function main(): Promise<void> {
  const root = join(__dirname, '..');
  for (const [file, text] of Object.entries(await emittedSchemaFiles())) {
    writeFileSync(join(root, file), text);
    process.stdout.write(`wrote ${file} (${text.length} bytes)\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
