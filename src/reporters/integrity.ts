import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { CHAIN_GENESIS, lineHash } from '../engine/eventlog.js';
import { writeReportFile } from './files.js';

/**
 * Tamper evidence for a report folder. The event log is hash-chained (each line carries the
 * SHA-256 of the line before it, engine/eventlog.ts); manifest.json lists every artifact with its
 * SHA-256 and the chain head; manifest.sig, when the user gave an Ed25519 key, signs manifest.json.
 * `ocpp-harness verify DIR` checks all three. No key material is ever written: the signature file
 * names the public key by its SHA-256 only.
 */

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

export interface ManifestEntry {
  /** Relative to the folder of manifest.json. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: 'ocpp-harness-manifest/1';
  runId: string | null;
  harnessVersion: string;
  eventLog: { path: string; events: number; chainHead: string } | null;
  files: ManifestEntry[];
}

export interface ChainCheck {
  ok: boolean;
  lines: number;
  head: string;
  problems: string[];
}

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** Checks the hash chain of run.jsonl text: every line names the hash of the one before. */
export function verifyChain(text: string): ChainCheck {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const problems: string[] = [];
  let prev = CHAIN_GENESIS;
  lines.forEach((line, i) => {
    let prevHash: unknown;
    let parsed = true;
    try {
      prevHash = (JSON.parse(line) as { prevHash?: unknown }).prevHash;
    } catch {
      parsed = false;
      problems.push(`line ${i + 1}: not valid JSON`);
    }
    if (parsed && prevHash === undefined) problems.push(`line ${i + 1}: no prevHash (a log without a hash chain)`);
    else if (parsed && prevHash !== prev)
      problems.push(`line ${i + 1}: prevHash does not match line ${i} (a line was edited, inserted or removed)`);
    prev = lineHash(line);
  });
  if (lines.length === 0) problems.push('the log is empty');
  return { ok: problems.length === 0, lines: lines.length, head: prev, problems: problems.slice(0, 20) };
}

function entryFor(dir: string, path: string): ManifestEntry {
  const data = readFileSync(path);
  return { path: relative(dir, path) || basename(path), sha256: sha256Hex(data), bytes: data.length };
}

/** The manifest of a report folder: the event log and every report written, each with its SHA-256. */
export function buildManifest(o: {
  dir: string;
  logPath: string;
  written: readonly string[];
  runId: string | null;
  harnessVersion: string;
}): Manifest {
  const dir = resolve(o.dir);
  const paths = [...new Set([resolve(o.logPath), ...o.written.map((p) => resolve(p))])].filter((p) => existsSync(p));
  const log = existsSync(o.logPath) ? verifyChain(readFileSync(o.logPath, 'utf8')) : undefined;
  return {
    format: 'ocpp-harness-manifest/1',
    runId: o.runId,
    harnessVersion: o.harnessVersion,
    eventLog: log ? { path: relative(dir, resolve(o.logPath)), events: log.lines, chainHead: log.head } : null,
    files: paths.map((p) => entryFor(dir, p)),
  };
}

/** Reads an Ed25519 private key (PEM); a UsageError-worthy message when it is not one. */
export function loadSigningKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  return key;
}

/** An Ed25519 public key from a PEM public key, certificate-free; a private key PEM yields its public half. */
export function loadVerifyKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the verification key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  return key;
}

const publicKeyId = (key: KeyObject) => sha256Hex(key.export({ type: 'spki', format: 'der' }));

/** Writes manifest.json (and manifest.sig when a key is given); returns the paths written. */
export async function writeManifest(dir: string, manifest: Manifest, signingKey?: KeyObject): Promise<string[]> {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const path = join(dir, MANIFEST_FILE);
  await writeReportFile(path, text);
  // An older signature next to a new manifest would fail verification for the wrong reason.
  if (!signingKey) {
    await rm(join(dir, SIGNATURE_FILE), { force: true });
    return [path];
  }
  const signature = sign(null, Buffer.from(text, 'utf8'), signingKey).toString('base64');
  const sig = { algorithm: 'Ed25519', signs: MANIFEST_FILE, publicKeySha256: publicKeyId(createPublicKey(signingKey)), signature };
  const sigPath = join(dir, SIGNATURE_FILE);
  await writeReportFile(sigPath, `${JSON.stringify(sig, null, 2)}\n`);
  return [path, sigPath];
}

export interface VerifyResult {
  ok: boolean;
  checked: string[];
  problems: string[];
}

/** Checks a report folder: manifest present, every listed file unchanged, the log's chain whole, and the signature when a key is given. */
export function verifyDir(dir: string, verifyKey?: KeyObject): VerifyResult {
  const checked: string[] = [];
  const problems: string[] = [];
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return { ok: false, checked, problems: [`${MANIFEST_FILE} is missing`] };
  const manifestText = readFileSync(manifestPath, 'utf8');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    return { ok: false, checked, problems: [`${MANIFEST_FILE} is not valid JSON`] };
  }
  for (const f of manifest.files ?? []) {
    const path = isAbsolute(f.path) ? f.path : join(dir, f.path);
    if (!existsSync(path)) {
      problems.push(`${f.path}: missing`);
      continue;
    }
    const sha = sha256Hex(readFileSync(path));
    if (sha !== f.sha256) problems.push(`${f.path}: SHA-256 ${sha} differs from the manifest's ${f.sha256}`);
    else checked.push(f.path);
  }
  if (manifest.eventLog) {
    const logPath = join(dir, manifest.eventLog.path);
    if (existsSync(logPath)) {
      const chain = verifyChain(readFileSync(logPath, 'utf8'));
      problems.push(...chain.problems.map((p) => `${manifest.eventLog?.path}: ${p}`));
      if (chain.head !== manifest.eventLog.chainHead) problems.push(`${manifest.eventLog.path}: chain head differs from the manifest's`);
    }
  } else problems.push(`${MANIFEST_FILE} names no event log`);
  if (verifyKey) {
    const sigPath = join(dir, SIGNATURE_FILE);
    if (!existsSync(sigPath)) problems.push(`${SIGNATURE_FILE} is missing`);
    else {
      try {
        const sig = JSON.parse(readFileSync(sigPath, 'utf8')) as { signature?: string };
        const good = verify(null, Buffer.from(manifestText, 'utf8'), verifyKey, Buffer.from(sig.signature ?? '', 'base64'));
        if (good) checked.push(SIGNATURE_FILE);
        else problems.push(`${SIGNATURE_FILE}: the signature does not verify with the given key`);
      } catch {
        problems.push(`${SIGNATURE_FILE}: not a signature file`);
      }
    }
  }
  return { ok: problems.length === 0, checked, problems };
}
