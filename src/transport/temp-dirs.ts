import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'ocpp-harness-';
/** `ocpp-harness-<kind>-<pid>-<random>`: the owner's pid lets a later run spot a dead owner. */
const OWNED = /^ocpp-harness-[a-z]+-(\d+)-[A-Za-z0-9]+$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary folders of harness processes that died without cleaning up (kill -9,
 * a crash); returns the folders removed. Folders of live processes are left alone.
 */
export function sweepStaleTempDirs(dir = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const owner = OWNED.exec(name);
    if (!owner || Number(owner[1]) === process.pid || isAlive(Number(owner[1]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

const ours = new Set<string>();

function removeOurs(): void {
  for (const dir of ours) rmSync(dir, { recursive: true, force: true });
  ours.clear();
}

/**
 * On Ctrl-C or SIGTERM with nobody else listening (a command that does not finish its current
 * case first), the default action would end the process without its 'exit' event: remove the
 * folders, then let the signal do what it would have done.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  removeOurs();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.kill(process.pid, signal);
}

/**
 * A temporary folder owned by this process, removed when the process ends (normally, by
 * process.exit, or by Ctrl-C/SIGTERM); folders left by dead processes are swept first.
 */
export function makeTempDir(kind: string): string {
  sweepStaleTempDirs();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${kind}-${process.pid}-`));
  if (ours.size === 0) {
    process.once('exit', removeOurs);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  ours.add(dir);
  return dir;
}
