import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of test/operations/<name>.graphql, the documents codegen types. */
export function operation(name: string): string {
  return readFileSync(join(__dirname, '..', 'operations', `${name}.graphql`), 'utf8');
}
