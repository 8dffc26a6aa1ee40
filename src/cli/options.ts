import { DEFAULT_CONFIG, REFERENCE_TIMEOUTS, STRICTNESS_LEVELS, UsageError, loadConfigFile, type SutConfig } from '../core/config.js';
import { FEATURE_IDS } from '../core/features.js';
import { pkiStationSubject } from '../pki/index.js';
import { parseList } from '../engine/selection.js';
import { PeerRegistry } from '../wiring/peer-registry.js';
import { OCPP_VERSIONS, type OcppVersion } from '../core/versions.js';
import { REPORTER_NAMES } from '../reporters/index.js';

/** Versions with built-in reference peers in both roles: what reference runs and selfcheck cover by default. */
export function referenceVersions(): OcppVersion[] {
  const peers = new PeerRegistry();
  return OCPP_VERSIONS.filter((v) => peers.has(v, 'station') && peers.has(v, 'csms'));
}

import type { CliIo } from './filters.js';
export { type CliIo, EXIT, type FilterOpts, addFilters, selectionOf, loadPlan } from './filters.js';

export function parseIntOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name}: "${value}" is not a whole number from ${min} to ${max}`);
  return n;
}

/** `--security-profile 2`, `1,2,3` or `all` (reference runs and selfcheck may cover several). */
export function parseProfiles(value: string | undefined, several: boolean): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.trim().toLowerCase() === 'all' ? ['0', '1', '2', '3'] : value.split(',').map((s) => s.trim());
  const out = parts.map((p) => parseIntOption('--security-profile', p, 0, 3)!);
  if (out.length > 1 && !several)
    throw new UsageError(`--security-profile: "${value}" names several profiles; a real SUT runs on one at a time, give one of 0, 1, 2, 3`);
  if (new Set(out).size !== out.length) throw new UsageError(`--security-profile: "${value}" names a profile twice`);
  return out;
}

export function parseReporters(value: string | undefined, fallback: string[]): string[] {
  const names = parseList(value) ?? fallback;
  for (const n of names)
    if (!(REPORTER_NAMES as readonly string[]).includes(n))
      throw new UsageError(`--reporter: unknown reporter "${n}"; use ${REPORTER_NAMES.join(', ')}`);
  return names;
}

export function parseListen(value: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || !m[1] || port < 0 || port > 65535) throw new UsageError(`--listen: "${value}" is not HOST:PORT; use e.g. 0.0.0.0:9220`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

export function parseTarget(value: string, option = '--target'): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`${option}: "${value}" is not a URL; use e.g. ws://csms.example:8180/ocpp`);
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new UsageError(`${option}: "${value}" must start with ws:// or wss://`);
  return value;
}

export interface ConfigOpts {
  config?: string;
  stationId?: string;
  securityProfile?: string;
  certs?: string;
  /** `certification` (default) or `lenient`: overrides the config's strictness. */
  strictness?: string;
}

/** `--strictness certification|lenient`. */
export function parseStrictness(value: string | undefined): SutConfig['strictness'] {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (!(STRICTNESS_LEVELS as readonly string[]).includes(v))
    throw new UsageError(`--strictness: "${value}" is not ${STRICTNESS_LEVELS.join(' or ')}`);
  return v as SutConfig['strictness'];
}

export function buildConfig(o: ConfigOpts, reference: boolean): SutConfig {
  const base = o.config ? loadConfigFile(o.config) : structuredClone(DEFAULT_CONFIG);
  if (o.stationId !== undefined) {
    if (!/^[^/:]{1,48}$/.test(o.stationId))
      throw new UsageError(`--station-id: "${o.stationId}" must be 1 to 48 characters without "/" or ":"`);
    base.stationId = o.stationId;
  }
  const profile = parseIntOption('--security-profile', o.securityProfile, 0, 3);
  if (profile !== undefined) base.security.profile = profile as 0 | 1 | 2 | 3;
  const p = base.security.profile;
  if ((p === 1 || p === 2) && !base.security.basicAuthPassword) {
    if (!reference)
      throw new UsageError(
        `--security-profile ${p}: needs security.basicAuthPassword in the --config file (HTTP Basic auth); set a 16 to 40 character password`,
      );
    base.security.basicAuthPassword = 'reference-password-0123456789';
  }
  if (o.certs !== undefined) base.security.certsDir = o.certs;
  if (p >= 2 && !reference) base.security.certsDir ??= 'certs';
  if (!reference) adoptPkiOrganization(base);
  if (reference && !o.config) {
    base.timeouts = { ...REFERENCE_TIMEOUTS };
    // The reference peers implement every optional feature, so a reference run declares them all.
    base.features = [...FEATURE_IDS];
  }
  const strictness = parseStrictness(o.strictness);
  if (strictness) base.strictness = strictness;
  return base;
}

/**
 * A config without security.organization expects the PKI's organisation: the O that `certs init
 * --org` gave the station certificate, so the harness never fails the certificates it issued.
 */
function adoptPkiOrganization(config: SutConfig): void {
  if (config.security.organization !== undefined) return;
  const o = pkiStationSubject(config.security.certsDir ?? 'certs')?.O;
  if (o) config.security.organization = o;
}

/**
 * Ctrl-C (or SIGTERM) in steps, each said on the console as it happens. With `interrupt`: the
 * first stops starting cases and lets the running ones finish, the second stops those too
 * (skipped, no verdict), the third quits at once without reports. Without it: the first stops
 * the work and writes reports, the second quits at once.
 */
export function handleSignals(controller: AbortController, io: CliIo, interrupt?: AbortController): () => void {
  let count = 0;
  const onSignal = () => {
    count += 1;
    if (count === 1 && interrupt) {
      io.stderr(
        '\ninterrupted: finishing the current case, then writing reports; the cases not yet started are skipped (Ctrl-C again to stop the current case too)\n',
      );
      controller.abort('interrupted by the user');
    } else if (count === 1) {
      io.stderr('\ninterrupted: stopping and writing reports (Ctrl-C again to quit at once, without reports)\n');
      controller.abort('interrupted by the user');
    } else if (count === 2 && interrupt) {
      io.stderr(
        '\ninterrupted again: stopping the current case (skipped, no verdict) and writing reports (Ctrl-C again to quit at once, without reports)\n',
      );
      interrupt.abort('interrupted by the user, twice');
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
