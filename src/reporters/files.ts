import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a report file whole or not at all: into a temporary name in the same folder, then
 * renamed over the final name (atomic on one file system). A run killed mid-write leaves at most
 * a `.tmp-` file, never a half-written report that a CI job could parse.
 */
export async function writeReportFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Removes the named report files from outDir before a run writes new ones, so a report of an
 * earlier run can never be read as this run's (a run killed before its reports are written
 * leaves none). Only plain files and links go: anything else is left for the reporter to fail on.
 */
export async function removeStaleReports(outDir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const path = join(outDir, name);
    try {
      if ((await lstat(path)).isDirectory()) continue;
    } catch {
      continue;
    }
    await rm(path, { force: true });
  }
}
