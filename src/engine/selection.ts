import { isOcppVersion, type OcppVersion } from '../core/versions.js';
import type { CaseDefinition } from './case.js';
import { UsageError } from '../core/usage-error.js';
import type { SutRole, Suite } from '../core/meta.js';

export interface Selection {
  ocpp?: OcppVersion[];
  sut?: SutRole[];
  /** Ids or globs (* and ?). */
  cases?: string[];
  exclude?: string[];
  blocks?: string[];
  profiles?: string[];
  tags?: string[];
  suites?: Suite[];
}

function globToRegExp(glob: string): RegExp {
  const esc = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${esc}$`, 'i');
}

export function selectCases(all: CaseDefinition[], s: Selection): CaseDefinition[] {
  const include = s.cases?.map(globToRegExp);
  const exclude = s.exclude?.map(globToRegExp);
  return all.filter(({ meta }) => {
    if (s.ocpp && !s.ocpp.includes(meta.ocpp)) return false;
    if (s.sut && !s.sut.includes(meta.sut)) return false;
    if (s.suites && !s.suites.includes(meta.suite)) return false;
    if (s.blocks && !s.blocks.some((b) => b.toLowerCase() === meta.block.toLowerCase())) return false;
    if (s.profiles && !meta.profiles.some((p) => s.profiles!.some((q) => q.toLowerCase() === p.toLowerCase()))) return false;
    if (s.tags && !meta.tags.some((t) => s.tags!.includes(t))) return false;
    if (include && !include.some((r) => r.test(meta.id))) return false;
    if (exclude?.some((r) => r.test(meta.id))) return false;
    return true;
  });
}

/** Parses comma-separated CLI lists, naming the option and the valid values on error. */
export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

export function parseVersions(value: string | undefined, option = '--ocpp'): OcppVersion[] | undefined {
  const items = parseList(value);
  if (!items) return undefined;
  const norm = items.map((v) => (v === '16' || v === '1.6J' || v === '1.6j' ? '1.6' : v === '201' ? '2.0.1' : v === '21' ? '2.1' : v));
  for (const v of norm) if (!isOcppVersion(v)) throw new UsageError(`${option}: unknown OCPP version "${v}"; use 1.6, 2.0.1 or 2.1`);
  return norm as OcppVersion[];
}

export function parseSut(value: string | undefined, option = '--sut'): SutRole[] | undefined {
  const items = parseList(value);
  if (!items) return undefined;
  for (const v of items)
    if (v !== 'cs' && v !== 'csms')
      throw new UsageError(`${option}: unknown SUT role "${v}"; use cs (test a charging station) or csms (test a CSMS)`);
  return items as SutRole[];
}

export function parseSuites(value: string | undefined): Suite[] | undefined {
  const items = parseList(value);
  if (!items) return undefined;
  for (const v of items)
    if (v !== 'conformance' && v !== 'security') throw new UsageError(`--suite: unknown suite "${v}"; use conformance or security`);
  return items as Suite[];
}
