import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emittedSchemaFiles } from '../../src/server/schema.emit';

const ROOT = join(__dirname, '..', '..');

describe('committed schema artifacts', () => {
  it('schema/schema.graphql and schema/subgraph.graphql match the built schema (run npm run schema:emit)', async () => {
    for (const [file, text] of Object.entries(await emittedSchemaFiles())) {
      expect({ file, text: readFileSync(join(ROOT, file), 'utf8') }).toEqual({ file, text });
    }
  });

  it('test/generated matches what codegen makes of the operations now (run npm run codegen)', () => {
    const out = mkdtempSync(join(tmpdir(), 'codegen-'));
    try {
      const config = readFileSync(join(ROOT, 'codegen.yml'), 'utf8').replaceAll(
        'test/generated/',
        `${out}/`,
      );
      const configPath = join(out, 'codegen.yml');
      writeFileSync(configPath, config);
      execFileSync(
        join(ROOT, 'node_modules', '.bin', 'graphql-codegen'),
        ['--config', configPath, '--silent'],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
      for (const file of ['schema.ts', 'operations.ts']) {
        const committed = readFileSync(join(ROOT, 'test', 'generated', file), 'utf8');
        expect({ file, text: committed }).toEqual({
          file,
          text: readFileSync(join(out, file), 'utf8'),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
