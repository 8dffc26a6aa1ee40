import type { CaseDefinition } from '../engine/case.js';
import { secretsOf, strictnessOf, type SutConfig } from '../core/config.js';
import { ReferenceLink } from '../engine/links.js';
import { harnessVersion } from '../engine/session.js';
import { runSession } from './session.js';
import { SchemaRegistry } from '../protocol/schemas.js';
import { PeerRegistry } from './peer-registry.js';
import { systemClock, randomIds, type Clock, type IdSource } from '../core/clock.js';
import { EventLog } from '../engine/eventlog.js';
import { countVerdicts, foldEvents, type RunEvent } from '../engine/events.js';

export interface SelfcheckReport {
  cases: number;
  passOnReference: number;
  failOnFault: number;
  problems: string[];
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
}

/**
 * Proves the catalogue: every case must pass on the conformant reference peer and fail, naming
 * one of its own requirements, on the peer broken by the fault it exists to catch.
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
  const link = new ReferenceLink({ config: o.config, peers, schemas, clock, ids });
  const log = new EventLog(o.logPath, secretsOf(o.config));
  const common = {
    config: o.config,
    link,
    mode: 'reference' as const,
    concurrency: o.concurrency,
    clock,
    ids,
    schemas,
    abort: o.abort,
    log,
    bare: true,
    listeners: o.listeners,
  };

  for (const def of o.plan) {
    const role = def.meta.sut === 'cs' ? 'station' : 'csms';
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
      description: 'selfcheck: each case on the reference peer, then on the peer with its fault',
    },
    plannedCases: o.plan.flatMap((d) => [d.meta.id, d.meta.id]),
    strictness: strictnessOf(o.config),
  });
  const ref = await runSession({ ...common, plan: o.plan, runKeyPrefix: 'reference:' });
  const faulty = await runSession({ ...common, plan: o.plan, runKeyPrefix: 'fault:', faultFor: (d) => d.meta.fault });
  log.append({
    type: 'run-end',
    time: new Date(clock.now()).toISOString(),
    durationMs: Math.round(clock.monotonic() - started),
    counts: countVerdicts(foldEvents(log.events).cases),
    interrupted: o.abort?.aborted ?? false,
  });

  let passOnReference = 0;
  let failOnFault = 0;
  for (const r of ref.outcomes) {
    if (r.result.verdict === 'pass') passOnReference++;
    else
      problems.push(
        `${r.def.meta.id}: expected pass on the reference peer, got ${r.result.verdict}: ${'message' in r.result ? r.result.message : 'reason' in r.result ? r.result.reason : ''}`,
      );
  }
  for (const r of faulty.outcomes) {
    const meta = r.def.meta;
    if (r.result.verdict !== 'fail') {
      problems.push(
        `${meta.id}: expected fail on fault "${meta.fault}", got ${r.result.verdict}${'reason' in r.result ? `: ${r.result.reason}` : ''}`,
      );
    } else if (!meta.requirements.includes(r.result.requirement)) {
      problems.push(
        `${meta.id}: failed on fault "${meta.fault}" but named ${r.result.requirement}, which is not one of its requirements (${meta.requirements.join(', ')}): ${r.result.message}`,
      );
    } else {
      failOnFault++;
    }
  }
  log.close();
  return { cases: o.plan.length, passOnReference, failOnFault, problems };
}
