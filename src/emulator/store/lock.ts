import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";

/** Another process (or another emulator in this one) holds the state file. */
export class StateInUseError extends Error {}

/**
 * Takes `<path>.lock` for this process, so that one emulator at a time owns a state file, and returns the
 * release. The lock file appears whole or not at all (written aside, then hard-linked into place); a lock whose
 * process is gone (kill -9) is taken over.
 * @example const release = lockStateFile("state.jsonl"); ...; release()
 */
export function lockStateFile(path: string): () => void {
  const lock = `${path}.lock`;
  const mine = `${lock}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0)
          throw refusal(error, path, lock);
        const holder = Number.parseInt(readFileSync(lock, "utf8"), 10);
        if (alive(holder)) throw new StateInUseError(inUse(path, holder, lock));
        // Moved aside rather than deleted, so that a lock taken meanwhile by a third process is not lost silently.
        renameSync(lock, `${lock}.stale`);
      }
    }
  } finally {
    unlinkSync(mine);
  }
  return () => unlinkSync(lock);
}

function refusal(error: unknown, path: string, lock: string): Error {
  if ((error as NodeJS.ErrnoException).code !== "EEXIST") return error as Error;
  const holder = Number.parseInt(readFileSync(lock, "utf8"), 10);
  return new StateInUseError(inUse(path, holder, lock));
}

function inUse(path: string, pid: number, lock: string): string {
  return `${path} is in use by process ${pid} (another ti-emulator); stop it, or delete ${lock} if that process is not an emulator`;
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
