import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { UsageError } from '../core/config.js';
import type { RunRecord } from '../engine/events.js';
import { Multiplexer, allReportFiles, describeReporterFailure, removeStaleReports } from '../reporters/index.js';
import { MANIFEST_FILE, SIGNATURE_FILE, buildManifest, loadSigningKey, loadVerifyKey, writeManifest } from '../reporters/integrity.js';
import type { CliIo } from './options.js';

/**
 * Clears every report file from the folder a run writes into, so no report of an earlier run is
 * left next to this run's log (a run killed before its reports are written leaves none).
 */
export function clearReports(outDir: string): Promise<void> {
  return removeStaleReports(outDir, [...allReportFiles(), MANIFEST_FILE, SIGNATURE_FILE]);
}

function readKeyFile(option: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${option} ${path}: cannot read the key (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

function keyOf(option: string, path: string | undefined, load: (pem: string) => KeyObject, what: string): KeyObject | undefined {
  if (path === undefined) return undefined;
  const pem = readKeyFile(option, path);
  try {
    return load(pem);
  } catch (err) {
    throw new UsageError(`${option} ${path}: not ${what} in PEM (${(err as Error).message.split('\n')[0]})`);
  }
}

/** The Ed25519 private key of `--sign-key`, read before the run so a bad key fails at once. Never logged. */
export function signingKeyOf(path: string | undefined): KeyObject | undefined {
  return keyOf('--sign-key', path, loadSigningKey, 'an Ed25519 private key');
}

/** The Ed25519 public key of `--verify-key` (a public key PEM, or the private key whose public half is meant). */
export function verifyKeyOf(path: string | undefined): KeyObject | undefined {
  return keyOf('--verify-key', path, loadVerifyKey, 'an Ed25519 key');
}

/** manifest.json (and manifest.sig with a key) over the event log and the reports written. */
export async function sealReports(
  outDir: string,
  logPath: string,
  written: readonly string[],
  run: RunRecord,
  signingKey: KeyObject | undefined,
): Promise<string[]> {
  const manifest = buildManifest({
    dir: outDir,
    logPath,
    written,
    runId: run.start?.runId ?? null,
    harnessVersion: run.start?.harnessVersion ?? 'unknown',
  });
  return writeManifest(outDir, manifest, signingKey);
}

/**
 * Writes the reports of a finished run, then the manifest that seals them. Each failed reporter
 * is named on stderr; returns false if any failed, and the run then exits 2 (its reports are
 * missing or incomplete).
 */
export async function finishReports(
  live: Multiplexer,
  run: RunRecord,
  outDir: string,
  io: CliIo,
  signingKey?: KeyObject,
): Promise<boolean> {
  const written = await live.finish(run);
  for (const f of live.failures) io.stderr(`ocpp-harness: ${describeReporterFailure(f)}\n`);
  const logPath = resolve(outDir, 'run.jsonl');
  let sealed: string[];
  try {
    sealed = await sealReports(outDir, logPath, written, run, signingKey);
  } catch (err) {
    io.stderr(`ocpp-harness: the manifest could not be written: ${(err as Error).message}\n`);
    return false;
  }
  io.stdout(`reports: ${[logPath, ...written, ...sealed].join(', ')}\n`);
  return live.failures.length === 0;
}
