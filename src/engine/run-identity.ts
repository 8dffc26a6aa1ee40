import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { limitsOf, stationSerialOf, strictnessOf, type Limits, type Strictness, type SutConfig } from '../core/config.js';
import type { CaseMeta } from '../core/meta.js';

/**
 * Who ran what against whom, as the run declared it: recorded in run-start so every report (and
 * a re-render from the log alone) can name the SUT as configured, the harness and catalogue that
 * judged it. What the SUT said about itself on the wire is read from the log by the reporters.
 * Secrets (passwords, keys) are never part of it.
 */
export interface RunIdentity {
  declared: {
    stationId: string;
    /** The serial number the config declares (or the station id it defaults to). */
    serialNumber: string;
    organization?: string;
    securityProfiles: number[];
    /** Declared PICS features (src/core/features.ts). */
    features: string[];
    /** Declared deviations: case id → reason. */
    deviations: Record<string, string>;
    strictness: Strictness;
    /** The effective timeouts (config merged over the defaults). */
    timeouts: SutConfig['timeouts'];
    limits: Limits;
    /** How manual steps are carried out (none, prompt, command, http); never its headers or command. */
    adapter: string;
  };
  harness: { version: string; gitCommit?: string };
  catalogue: {
    /** SHA-256 over the ids and metadata of the selected cases (sorted by id, keys sorted). */
    sha256: string;
    cases: number;
    /**
     * Cases in the whole catalogue per (OCPP version, role, certification profile) for the
     * versions and roles selected: how a report tells a partial selection from a full one.
     * Absent when the caller did not have the whole catalogue.
     */
    totals?: CatalogueTotal[];
  };
}

export interface CatalogueTotal {
  ocpp: string;
  sut: string;
  profile: string;
  /** Case ids of that profile in the whole catalogue. */
  total: number;
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the selected cases' metadata, each case once, in id order. */
export function catalogueDigest(metas: readonly CaseMeta[]): { sha256: string; cases: number } {
  const byId = new Map<string, CaseMeta>();
  for (const m of metas) byId.set(m.id, m);
  const ids = [...byId.keys()].sort();
  const hash = createHash('sha256');
  for (const id of ids) hash.update(`${canonicalJson(byId.get(id))}\n`);
  return { sha256: hash.digest('hex'), cases: ids.length };
}

/** Per (version, role, profile) case counts of the whole catalogue, for the versions and roles of the plan. */
export function catalogueTotals(all: readonly CaseMeta[], plan: readonly CaseMeta[]): CatalogueTotal[] {
  const wanted = new Set(plan.map((m) => `${m.ocpp}|${m.sut}`));
  const counts = new Map<string, Set<string>>();
  for (const m of all) {
    if (!wanted.has(`${m.ocpp}|${m.sut}`)) continue;
    for (const p of m.profiles) {
      const key = `${m.ocpp}|${m.sut}|${p}`;
      const ids = counts.get(key) ?? new Set<string>();
      ids.add(m.id);
      counts.set(key, ids);
    }
  }
  return [...counts].map(([key, ids]) => {
    const [ocpp, sut, profile] = key.split('|') as [string, string, string];
    return { ocpp, sut, profile, total: ids.size };
  });
}

/** The folder holding package.json, found upwards from this module (src/ or dist/src/). */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The commit the harness was built from, read from .git without running git (a worktree's .git
 * file, loose and packed refs, a detached HEAD); undefined outside a checkout or on any doubt.
 */
export function gitCommit(root = packageRoot()): string | undefined {
  if (!root) return undefined;
  let gitDir = join(root, '.git');
  try {
    if (!statSync(gitDir).isDirectory()) {
      const pointer = /^gitdir:\s*(.+)$/m.exec(readText(gitDir) ?? '')?.[1];
      if (!pointer) return undefined;
      gitDir = isAbsolute(pointer) ? pointer : resolve(root, pointer);
    }
  } catch {
    return undefined;
  }
  const head = readText(join(gitDir, 'HEAD'));
  if (!head) return undefined;
  if (SHA.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const common = readText(join(gitDir, 'commondir'));
  const dirs = [gitDir, ...(common ? [isAbsolute(common) ? common : resolve(gitDir, common)] : [])];
  for (const dir of dirs) {
    const loose = readText(join(dir, ref));
    if (loose && SHA.test(loose)) return loose;
    const packed = readText(join(dir, 'packed-refs'));
    const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
    const sha = line?.split(' ')[0];
    if (sha && SHA.test(sha)) return sha;
  }
  return undefined;
}

export interface IdentityInput {
  /** One config per security profile the run covers (they differ in the profile only). */
  configs: readonly SutConfig[];
  plan: readonly CaseMeta[];
  /** The whole catalogue, for the per-profile totals. */
  all?: readonly CaseMeta[];
  harnessVersion: string;
}

export function runIdentity(i: IdentityInput): RunIdentity {
  const config = i.configs[0];
  if (!config) throw new Error('runIdentity: no configuration');
  const commit = gitCommit();
  return {
    declared: {
      stationId: config.stationId,
      serialNumber: stationSerialOf(config),
      ...(config.security.organization ? { organization: config.security.organization } : {}),
      securityProfiles: [...new Set(i.configs.map((c) => c.security.profile))],
      features: [...config.features],
      deviations: { ...config.deviations },
      strictness: strictnessOf(config),
      timeouts: { ...config.timeouts },
      limits: limitsOf(config),
      adapter: config.adapter.type,
    },
    harness: { version: i.harnessVersion, ...(commit ? { gitCommit: commit } : {}) },
    catalogue: { ...catalogueDigest(i.plan), ...(i.all ? { totals: catalogueTotals(i.all, i.plan) } : {}) },
  };
}
