import type { CaseDefinition } from '../engine/case.js';
import { secretsOf, strictnessOf, type SutConfig } from '../core/config.js';
import { ReferenceLink } from '../engine/links.js';
import { harnessVersion } from '../engine/session.js';
import { runIdentity } from '../engine/run-identity.js';
import { runSession } from './session.js';
import { SchemaRegistry } from '../protocol/schemas.js';
import { PeerRegistry } from './peer-registry.js';
import { systemClock, randomIds, type Clock, type IdSource } from '../core/clock.js';
import { EventLog } from '../engine/eventlog.js';
import { countVerdicts, foldEvents, type RunEvent } from '../engine/events.js';
import type { CaseOutcome } from '../engine/runner.js';
import type { PeerVariant } from '../engine/peer-contract.js';
import { selectCases } from '../engine/selection.js';
import { OCPP_VERSIONS, type OcppVersion } from '../core/versions.js';

/** The counts of one reference peer in one configuration variant. */
export interface VariantReport {
  /** e.g. "station 2.0.1" */
  peer: string;
  variant: string;
  cases: number;
  passOnReference: number;
  failOnFault: number;
  /** Cases whose preconditions the variant cannot reach, with the case's reason. */
  notApplicable: { id: string; reason: string }[];
  problems: string[];
}

export interface SelfcheckReport {
  cases: number;
  passOnReference: number;
  failOnFault: number;
  notApplicable: number;
  problems: string[];
  /** Per peer and variant ("default" first). */
  variants: VariantReport[];
}

export interface SelfcheckOptions {
  plan: CaseDefinition[];
  config: SutConfig;
  concurrency: number;
  catalogueProblems?: string[];
  peers?: PeerRegistry;
  clock?: Clock;
  ids?: IdSource;
  abort?: AbortSignal;
  logPath?: string;
  listeners?: ((e: RunEvent) => void)[];
  /** Which configuration variants besides the default run: all (default), none, or these names. */
  variants?: 'all' | 'none' | string[];
  /** The cases the variants prove (default: the whole plan); a subset keeps a multi-profile selfcheck from proving them twice. */
  variantPlan?: CaseDefinition[];
}

export const DEFAULT_VARIANT = 'default';

type Role = 'station' | 'csms';
const roleOf = (d: CaseDefinition): Role => (d.meta.sut === 'cs' ? 'station' : 'csms');
const peerName = (role: Role, ocpp: OcppVersion) => `${role} ${ocpp}`;
const peerOf = (d: CaseDefinition) => peerName(roleOf(d), d.meta.ocpp);

/** One variant's run to make: the plan it proves and the overlay the peers start with. */
interface VariantRun {
  peer: string;
  variant: PeerVariant;
  plan: CaseDefinition[];
}

/** The extra variants to run: per peer in the plan, each selected variant with the cases it affects. */
export function variantRuns(plan: CaseDefinition[], peers: PeerRegistry, which: SelfcheckOptions['variants'] = 'all'): VariantRun[] {
  if (which === 'none') return [];
  const runs: VariantRun[] = [];
  const seen = new Set<string>();
  for (const d of plan) {
    const key = peerOf(d);
    if (seen.has(key)) continue;
    seen.add(key);
    const role = roleOf(d);
    if (!peers.has(d.meta.ocpp, role)) continue;
    const own = plan.filter((c) => peerOf(c) === key);
    for (const variant of peers.variants(d.meta.ocpp, role)) {
      if (which !== 'all' && !which.includes(variant.name)) continue;
      const { blocks, cases } = variant.affects;
      const affected = [...(blocks ? selectCases(own, { blocks }) : []), ...(cases ? selectCases(own, { cases }) : [])].filter(
        (c, i, all) => all.indexOf(c) === i,
      );
      if (affected.length) runs.push({ peer: key, variant, plan: affected });
    }
  }
  return runs;
}

const why = (r: CaseOutcome['result']) => ('message' in r ? r.message : 'reason' in r ? r.reason : '');

/**
 * Judges one variant's two passes: every case passes on the reference peer and fails, naming one
 * of its own requirements, on its fault; on an extra variant a case may instead be not-applicable
 * (its preconditions cannot be reached in that configuration) on both passes.
 */
export function judgeVariant(peer: string, variant: string, ref: CaseOutcome[], faulty: CaseOutcome[]): VariantReport {
  const row: VariantReport = { peer, variant, cases: ref.length, passOnReference: 0, failOnFault: 0, notApplicable: [], problems: [] };
  const extra = variant !== DEFAULT_VARIANT;
  const tag = extra ? `[${peer} / ${variant}] ` : '';
  const na = new Set<string>();
  for (const r of ref) {
    const v = r.result.verdict;
    if (v === 'pass' || (extra && v === 'pass-non-strict')) row.passOnReference++;
    else if (extra && v === 'not-applicable') {
      na.add(r.def.meta.id);
      row.notApplicable.push({ id: r.def.meta.id, reason: why(r.result) });
    } else row.problems.push(`${tag}${r.def.meta.id}: expected pass on the reference peer, got ${v}: ${why(r.result)}`);
  }
  for (const r of faulty) {
    const meta = r.def.meta;
    if (na.has(meta.id)) {
      if (r.result.verdict !== 'not-applicable')
        row.problems.push(`${tag}${meta.id}: not-applicable on the reference peer but ${r.result.verdict} on fault "${meta.fault}"`);
    } else if (r.result.verdict !== 'fail') {
      row.problems.push(`${tag}${meta.id}: expected fail on fault "${meta.fault}", got ${r.result.verdict}: ${why(r.result)}`);
    } else if (!meta.requirements.includes(r.result.requirement)) {
      row.problems.push(
        `${tag}${meta.id}: failed on fault "${meta.fault}" but named ${r.result.requirement}, which is not one of its requirements (${meta.requirements.join(', ')}): ${r.result.message}`,
      );
    } else row.failOnFault++;
  }
  return row;
}

/**
 * Proves the catalogue: every case must pass on the conformant reference peer and fail, naming
 * one of its own requirements, on the peer broken by the fault it exists to catch. The whole
 * plan runs on each peer's default configuration; each further conformant configuration
 * (the peer's variants) runs the cases it declares it can affect.
 */
export async function selfcheck(o: SelfcheckOptions): Promise<SelfcheckReport> {
  // A case proves itself only at the security profiles it applies to.
  const profile = o.config.security.profile;
  o = { ...o, plan: o.plan.filter((d) => !d.meta.securityProfiles || d.meta.securityProfiles.includes(profile)) };
  const peers = o.peers ?? new PeerRegistry();
  const schemas = new SchemaRegistry();
  const clock = o.clock ?? systemClock;
  const ids = o.ids ?? randomIds;
  const problems = [...(o.catalogueProblems ?? [])];
  const log = new EventLog(o.logPath, secretsOf(o.config));
  // Subscribed once to the shared log (a session given listeners would add them again per pass).
  for (const l of o.listeners ?? []) log.subscribe(l);
  const runs = variantRuns(o.variantPlan ?? o.plan, peers, o.variants);
  const pass = (plan: CaseDefinition[], variant: PeerVariant | undefined, faulty: boolean, prefix: string) =>
    runSession({
      config: o.config,
      link: new ReferenceLink({ config: o.config, peers, schemas, clock, ids, settings: variant?.settings }),
      mode: 'reference',
      concurrency: o.concurrency,
      clock,
      ids,
      schemas,
      abort: o.abort,
      log,
      bare: true,
      plan,
      runKeyPrefix: prefix,
      faultFor: faulty ? (d) => d.meta.fault : undefined,
    });

  for (const def of o.plan) {
    const role = roleOf(def);
    const known = peers.faults(def.meta.ocpp, role).map((f) => f.name);
    if (!known.includes(def.meta.fault))
      problems.push(`${def.meta.id}: fault "${def.meta.fault}" is not a fault of the ${def.meta.ocpp} reference ${role}`);
  }
  const started = clock.monotonic();
  log.append({
    type: 'run-start',
    runId: ids.next(),
    time: new Date(clock.now()).toISOString(),
    harnessVersion: harnessVersion(),
    target: {
      sut: [...new Set(o.plan.map((d) => d.meta.sut))],
      ocpp: [...new Set(o.plan.map((d) => d.meta.ocpp))],
      mode: 'reference',
      description: 'selfcheck: each case on the reference peer, then on the peer with its fault, per configuration variant',
    },
    plannedCases: [o.plan, ...runs.map((r) => r.plan)].flatMap((p) => p.flatMap((d) => [d.meta.id, d.meta.id])),
    strictness: strictnessOf(o.config),
    identity: runIdentity({ configs: [o.config], plan: o.plan.map((d) => d.meta), harnessVersion: harnessVersion() }),
  });
  const variants: VariantReport[] = [];
  const ref = await pass(o.plan, undefined, false, 'reference:');
  const faulty = await pass(o.plan, undefined, true, 'fault:');
  for (const peer of [...new Set(o.plan.map(peerOf))]) {
    const mine = (x: CaseOutcome) => peerOf(x.def) === peer;
    variants.push(judgeVariant(peer, DEFAULT_VARIANT, ref.outcomes.filter(mine), faulty.outcomes.filter(mine)));
  }
  // The variants' runs are small and mostly wait on timers: several run side by side.
  const rows = new Map<VariantRun, VariantReport>();
  const queue = [...runs];
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      const key = `${run.peer}/${run.variant.name}`;
      const r = await pass(run.plan, run.variant, false, `reference:${key}:`);
      const f = await pass(run.plan, run.variant, true, `fault:${key}:`);
      rows.set(run, judgeVariant(run.peer, run.variant.name, r.outcomes, f.outcomes));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.ceil(o.concurrency / 2)) }, worker));
  for (const run of runs) {
    const row = rows.get(run);
    if (row) variants.push(row);
  }
  log.append({
    type: 'run-end',
    time: new Date(clock.now()).toISOString(),
    durationMs: Math.round(clock.monotonic() - started),
    counts: countVerdicts(foldEvents(log.events).cases),
    interrupted: o.abort?.aborted ?? false,
  });
  log.close();
  const sum = (f: (v: VariantReport) => number) => variants.reduce((n, v) => n + f(v), 0);
  return {
    cases: sum((v) => v.cases),
    passOnReference: sum((v) => v.passOnReference),
    failOnFault: sum((v) => v.failOnFault),
    notApplicable: sum((v) => v.notApplicable.length),
    problems: [...problems, ...variants.flatMap((v) => v.problems)],
    variants,
  };
}

/** Whether a report is clean: every case passed on its reference and failed on its fault, or is not-applicable on a variant. */
export function selfcheckClean(
  r: Pick<SelfcheckReport, 'cases' | 'passOnReference' | 'failOnFault' | 'notApplicable' | 'problems'>,
): boolean {
  return (
    r.cases > 0 && r.cases === r.passOnReference + r.notApplicable && r.cases === r.failOnFault + r.notApplicable && r.problems.length === 0
  );
}

/** One line per peer and variant: `station 2.0.1 / default: cases N, pass-on-reference N, fail-on-fault N`. */
export function describeVariantRow(v: VariantReport): string {
  const na = v.notApplicable.length
    ? `, not-applicable ${v.notApplicable.length} (${v.notApplicable.map((n) => `${n.id}: ${n.reason}`).join('; ')})`
    : '';
  return `${v.peer} / ${v.variant}: cases ${v.cases}, pass-on-reference ${v.passOnReference}, fail-on-fault ${v.failOnFault}${na}`;
}

/** The names of every reference peer's variants (what `--variant` accepts). */
export function knownVariants(peers = new PeerRegistry()): string[] {
  const roles = ['station', 'csms'] as const;
  const names = OCPP_VERSIONS.flatMap((v) => roles.flatMap((r) => peers.variants(v, r).map((x) => x.name)));
  return [...new Set(names)];
}
