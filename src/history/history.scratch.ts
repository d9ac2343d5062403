import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The names of the temporary directories of histories kept only while a process runs. */
export const SCRATCH_PREFIX = 'vonage-gateway-history-';
const OWNER = 'owner.pid';

/** A history's temporary directory: its data directory, and how to remove it all. */
export interface Scratch {
  dataDir: string;
  remove(): void;
}

/**
 * Who owns a directory: this process's id and the process-id namespace it is valid in (another
 * container sharing the directory has its own), or the host name where there are none.
 */
function ownerOf(pid = process.pid): string {
  let namespace: string;
  try {
    namespace = readlinkSync('/proc/self/ns/pid');
  } catch {
    namespace = os.hostname();
  }
  return `${pid} ${namespace}`;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the temporary directories left by processes that died without closing them. */
export function removeAbandoned(root = os.tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(root).filter((name) => name.startsWith(SCRATCH_PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    let owner: string;
    try {
      owner = readFileSync(path.join(dir, OWNER), 'utf8');
    } catch {
      continue; // being made right now, or not one of ours
    }
    const pid = Number(owner.split(' ')[0]);
    // Only a process this one can see: another namespace's ids mean nothing here.
    if (!Number.isInteger(pid) || pid <= 0 || owner !== ownerOf(pid) || alive(pid)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/**
 * A private temporary directory for a history that lives as long as this process: PGlite keeps
 * the files of a database "in memory" in its worker's heap, which costs about 100 MB more RSS
 * than the same 40 MB of files on disk. Removed by `remove()` or at exit; the directories of
 * processes that died first are removed by the next one. Undefined when no temporary directory
 * can be made (the database then stays in memory).
 */
export function makeScratch(root = os.tmpdir()): Scratch | undefined {
  removeAbandoned(root);
  let dir: string;
  try {
    dir = mkdtempSync(path.join(root, SCRATCH_PREFIX));
    writeFileSync(path.join(dir, OWNER), ownerOf());
  } catch {
    return undefined;
  }
  const remove = (): void => {
    process.removeListener('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', remove);
  return { dataDir: path.join(dir, 'pgdata'), remove };
}
