import { secretsInFrame } from './wire-secrets.js';
import { setMaxListeners } from 'node:events';
import type { SchemaRegistry } from '../protocol/schemas.js';
import type { WireRecorder } from '../transport/connection.js';
import { AbortedError } from '../transport/wait.js';
import type { CaseDefinition } from './case.js';
import type { Clock, IdSource } from '../core/clock.js';
import type { SutConfig } from '../core/config.js';
import { CaseContext } from './context.js';
import type { EventLog } from './eventlog.js';
import type { SutLink } from './links.js';
import type { StateRegistry } from './states.js';
import { SutUnreachable, verdictFromError, type Verdict } from '../core/verdict.js';
import { probeLiveness } from './liveness.js';
import { findingSeverity, makeFinding, severityRank, type Finding } from '../core/findings.js';
import { asCrash, crashSeen } from './crash.js';
import type { Severity } from '../core/verdict.js';
import { requirement as registryEntry, unregisteredRequirements } from '../core/requirements/index.js';
import { limitsOf, namedWaits } from '../core/config.js';
import { FrameBudget } from './frame-budget.js';
import type { BackgroundPolicy } from '../roles/background.js';
import { FeatureRefusals } from './feature-refusals.js';
import { CaseLimit } from './case-limit.js';
import { runPostConditions } from './post-conditions.js';

function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  return findings.reduce<Severity | undefined>(
    (w, f) => (w === undefined || severityRank(f.severity) > severityRank(w) ? f.severity : w),
    undefined,
  );
}

export interface RunnerOptions {
  config: SutConfig;
  link: SutLink;
  log: EventLog;
  clock: Clock;
  ids: IdSource;
  schemas: SchemaRegistry;
  states: StateRegistry;
  /** Cases run at once (reference runs only: each case has its own peer). */
  concurrency: number;
  /** Run-wide stop (the first Ctrl-C): no further case starts; running ones finish. */
  abort: AbortSignal;
  /**
   * Stops the running cases too (a second Ctrl-C); they end `skipped`, with no verdict on the SUT.
   * Without it, `abort` stops running cases as well.
   */
  interrupt?: AbortSignal;
  /** Fault to give the reference peer, per case (selfcheck). */
  faultFor?: (def: CaseDefinition) => string | undefined;
  /** Prefix for run keys, so two runs of a case in one log stay apart. */
  runKeyPrefix?: string;
}

export interface CaseOutcome {
  def: CaseDefinition;
  runKey: string;
  result: Verdict;
}

const iso = (clock: Clock) => new Date(clock.now()).toISOString();

/** Links whose SUT was found unreachable and stayed so on a re-check: no further case starts against it. */
const outages = new WeakMap<SutLink, string>();

/** Bounded wait for cleanup, so a peer that will not close cannot hang the run. */
async function bounded(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

export async function runCase(def: CaseDefinition, o: RunnerOptions, runKey: string): Promise<CaseOutcome> {
  const { meta } = def;
  const started = o.clock.monotonic();
  const time = () => iso(o.clock);
  const t = () => Math.round((o.clock.monotonic() - started) * 10) / 10;
  o.log.append({ type: 'case-start', time: time(), caseId: meta.id, meta, runKey, securityProfile: o.config.security.profile });
  const findings: Finding[] = [];
  const end = (result: Verdict): CaseOutcome => {
    o.log.append({
      type: 'case-end',
      time: time(),
      caseId: meta.id,
      runKey,
      durationMs: Math.round(o.clock.monotonic() - started),
      result,
      severity: worstSeverity(findings) ?? (result.verdict === 'fail' ? meta.severity : undefined),
      findings: findings.length ? findings : undefined,
    });
    return { def, runKey, result };
  };

  if (o.abort.aborted) return end({ verdict: 'skipped', reason: 'the run was interrupted before this case' });
  const outage = outages.get(o.link);
  if (outage)
    return end({ verdict: 'inconclusive', reason: `the SUT was not reachable: ${outage} (the run stopped starting cases against it)` });
  const missing = meta.features.filter((f) => !o.config.features.includes(f));
  if (missing.length) return end({ verdict: 'not-applicable', reason: `the SUT does not declare feature(s) ${missing.join(', ')}` });
  const profile = o.config.security.profile;
  if (meta.securityProfiles && !meta.securityProfiles.includes(profile)) {
    return end({
      verdict: 'not-applicable',
      reason: `the case needs security profile ${meta.securityProfiles.join(' or ')}; this run uses profile ${profile}`,
    });
  }

  // The last frames the harness sent: a finding's evidence when the case marked none itself.
  const lastSent: string[] = [];
  const budget = new FrameBudget(limitsOf(o.config));
  const refusals = new FeatureRefusals(meta.ocpp, o.config.features);
  const recorder: WireRecorder = {
    frame: (conn, dir, text, summary) => {
      for (const secret of secretsInFrame(text)) {
        o.log.addSecret(secret);
        o.log.addSecret(Buffer.from(`${o.config.stationId}:${secret}`).toString('base64'));
      }
      refusals.observe(dir, text);
      if (dir === 'out') {
        lastSent.push(text.length > 4096 ? `${text.slice(0, 4096)}…` : text);
        if (lastSent.length > 5) lastSent.shift();
      }
      const admitted = budget.admit(dir, text);
      if (admitted === 'record') o.log.append({ type: 'wire', time: time(), runKey, t: t(), conn, dir, text, summary });
      else if (admitted === 'first-over')
        o.log.append({ type: 'note', time: time(), runKey, t: t(), kind: 'harness', text: budget.capNote() });
    },
    note: (kind, text) => o.log.append({ type: 'note', time: time(), runKey, t: t(), kind, text }),
  };
  const caseAbort = new AbortController();
  // Every concurrent wait of the case listens on this signal.
  setMaxListeners(100, caseAbort.signal);
  const timeoutMs = meta.timeoutMs ?? o.config.timeouts.caseMs;
  const stopRunning = o.interrupt ?? o.abort;
  const onRunAbort = () => caseAbort.abort(`the run was interrupted (${String(stopRunning.reason ?? 'Ctrl-C')})`);
  if (stopRunning.aborted) onRunAbort();
  else stopRunning.addEventListener('abort', onRunAbort, { once: true });
  // The limit never cuts short a wait that started before it (case-limit.ts).
  const limit = new CaseLimit(timeoutMs, caseAbort);
  // Waits listen on the case's signal, then on the post-conditions' own (runPostConditions).
  let phaseSignal = caseAbort.signal;

  const validator = o.schemas.for(meta.ocpp);
  const endpointOpts = {
    version: meta.ocpp,
    validator,
    recorder,
    ids: o.ids,
    monotonic: () => o.clock.monotonic(),
    messageTimeoutMs: o.config.timeouts.messageMs,
    defaultRequirement: () => ctx?.stepRequirement ?? meta.requirements[0] ?? meta.id,
    get abort() {
      return phaseSignal;
    },
    background: backgroundPolicy(o.config, time),
    onSutDeviation: (requirement: string, text: string) => ctx?.nonStrict(requirement, text),
  };
  let result: Verdict;
  let cleanup: (() => Promise<void>) | undefined;
  let ctx: CaseContext | undefined;
  let unreachable: SutUnreachable | undefined;
  try {
    const wiring = await o.link.prepare(meta, endpointOpts, o.faultFor?.(def));
    cleanup = wiring.cleanup;
    ctx = new CaseContext(
      meta,
      o.config,
      validator,
      o.clock,
      o.ids,
      caseAbort.signal,
      recorder,
      {
        step: (index, title, status, detail, requirement, postCondition) =>
          o.log.append({
            type: 'step',
            time: time(),
            runKey,
            index,
            title,
            status,
            detail,
            ...(requirement ? { requirement } : {}),
            ...(postCondition ? { postCondition } : {}),
          }),
      },
      wiring.adapter,
      o.states,
      wiring.csms,
      wiring.station,
      { pki: wiring.pki, addSecret: (v) => o.log.addSecret(v), adoptStationPassword: wiring.adoptStationPassword },
    );
    wiring.watchBlockers?.((reason) => caseAbort.abort(reason));
    await wiring.start();
    const aborted = new Promise<never>((_, reject) => {
      caseAbort.signal.addEventListener('abort', () => reject(new AbortedError(String(caseAbort.signal.reason))), { once: true });
    });
    await Promise.race([def.body(ctx), aborted]);
    result = ctx.nonStrictNotes.length
      ? { verdict: 'pass-non-strict', notes: ctx.nonStrictNotes, ...(ctx.relaxed.length ? { relaxed: [...ctx.relaxed] } : {}) }
      : { verdict: 'pass' };
  } catch (err) {
    if (err instanceof AbortedError || caseAbort.signal.aborted) {
      const reason = String(caseAbort.signal.reason ?? (err as Error).message);
      // Stopped by the user: the case earned no verdict, and it is not the harness's fault either.
      result = stopRunning.aborted
        ? { verdict: 'skipped', reason: `interrupted while running: ${reason}` }
        : { verdict: 'inconclusive', reason };
    } else {
      if (err instanceof SutUnreachable) unreachable = err;
      result = verdictFromError(err);
    }
  }
  result = refusals.judge(requirementsCheckedAgainstRegistry(result, ctx));
  const stepStatus =
    result.verdict === 'fail' ? 'fail' : result.verdict === 'inconclusive' ? 'inconclusive' : result.verdict === 'error' ? 'error' : 'pass';
  ctx?.closeStep(stepStatus, result.verdict === 'fail' ? result.message : 'reason' in result ? result.reason : undefined);
  if (ctx && meta.suite === 'security') {
    if (result.verdict === 'fail') {
      findings.push(
        makeFinding({
          ruleId: meta.rule ?? meta.id,
          title: meta.title,
          severity: findingSeverity({
            caseSeverity: meta.severity,
            level: registryEntry(result.requirement)?.level,
            cwe: meta.cwe,
            securityProfile: o.config.security.profile,
          }),
          requirement: result.requirement,
          cwe: meta.cwe,
          cve: meta.cve,
          hint: meta.hint ?? meta.purpose,
          frames: ctx.evidenceFrames.length ? ctx.evidenceFrames : [...lastSent],
          caseId: meta.id,
          category: meta.id,
        }),
      );
    }
    // Policy the case observed (an unknown station accepted at profile 0): a low finding, no fail.
    for (const p of ctx.policies) {
      findings.push(
        makeFinding({
          ruleId: meta.rule ?? meta.id,
          title: `${meta.title}: ${p.note}`,
          severity: p.severity,
          requirement: p.requirement,
          cwe: meta.cwe,
          hint: p.note,
          frames: ctx.evidenceFrames,
          caseId: meta.id,
          category: `policy:${meta.id}`,
        }),
      );
    }
    // After an attack the SUT must still answer a valid call; one that does not is a finding.
    if (!caseAbort.signal.aborted && (result.verdict === 'pass' || result.verdict === 'pass-non-strict' || result.verdict === 'fail')) {
      const closeCode = (ctx.meta.sut === 'cs' ? ctx.csms : ctx.station).lastConnection?.closed?.code;
      ctx.step('Liveness probe: the SUT still answers a valid call');
      try {
        const live = await probeLiveness(ctx);
        ctx.note(`liveness: ${live.detail}`);
        ctx.closeStep(live.alive ? 'pass' : 'fail', live.alive ? undefined : live.detail);
        if (!live.alive) {
          // An abnormal close followed by an unreachable SUT is a crash, whatever the case's severity.
          const crash = crashSeen(result, closeCode === undefined ? [] : [closeCode], live.detail);
          if (crash && result.verdict === 'fail' && findings.length)
            findings[findings.length - 1] = asCrash(findings[findings.length - 1], crash);
          if (crash) ctx.note(crash);
          findings.push(
            makeFinding({
              ruleId: 'SEC-LIVE-01',
              title: crash ? `SUT crashed during ${meta.id}` : `SUT stopped answering after ${meta.id}`,
              severity: 'high',
              requirement: 'SEC-LIVE-01',
              cwe: 'CWE-400',
              hint: `The SUT no longer answered a valid call after this case's traffic (${live.detail}). Check it for a crash, hang or resource exhaustion caused by the frames below.`,
              frames: ctx.evidenceFrames.length ? ctx.evidenceFrames : [...lastSent],
              caseId: meta.id,
              category: `liveness:${meta.id}`,
            }),
          );
          if (result.verdict !== 'fail') {
            result = {
              verdict: 'fail',
              requirement: 'SEC-LIVE-01',
              expected: ['the SUT answers a valid call after the attack'],
              actual: live.detail,
              message: `liveness: ${live.detail}`,
            };
          }
        }
      } catch (err) {
        ctx.closeStep('inconclusive', `the probe could not run: ${(err as Error).message}`);
      }
    }
  }
  limit.stop();
  stopRunning.removeEventListener('abort', onRunAbort);
  if (ctx) {
    const post = ctx;
    await runPostConditions(
      post.postConditions.pending(),
      {
        step: (title) => post.step(title),
        closeStep: (status, detail) => post.closeStep(status, detail),
        note: (text) => post.note(text),
        usePhase: (signal) => {
          phaseSignal = signal;
          post.enterPostConditions(signal);
        },
      },
      { budgetMs: namedWaits(o.config.timeouts).twoMessages, stop: stopRunning },
    );
  }
  if (cleanup) await bounded(cleanup(), 5000);
  if (unreachable && o.link.recheckReachable) {
    const still = await o.link.recheckReachable();
    recorder.note(
      'observation',
      still ? `re-check: still not reachable (${still}); no further case starts against this SUT` : 're-check: reachable again',
    );
    if (still) outages.set(o.link, still);
  }
  const deviation = o.config.deviations[meta.id];
  if (deviation && result.verdict === 'fail') {
    recorder.note('observation', `fail reported as not-applicable: known deviation "${deviation}" (${result.message})`);
    result = { verdict: 'not-applicable', reason: `known deviation: ${deviation}` };
  }
  const unrecorded = budget.summary();
  if (unrecorded) recorder.note('harness', unrecorded);
  return end(result);
}

/**
 * The harness answers calls no step claimed as a conformant peer would, after a grace period: a
 * quarter of the message timeout (a step expecting the call after a manual action still gets it),
 * at least 250 ms and at most 5 s (well inside any SUT's own call timeout).
 */
function backgroundPolicy(config: SutConfig, now: () => string): BackgroundPolicy {
  return {
    afterMs: Math.min(5000, Math.max(250, Math.round(config.timeouts.messageMs / 4))),
    facts: { now, heartbeatIntervalS: config.timeouts.heartbeatIntervalS, acceptedTokens: [config.ids.validIdToken.idToken] },
  };
}

/**
 * A verdict that names a requirement the registry does not know is the harness's fault (a typo
 * in a case or a helper), not the SUT's: it becomes an error that names the id.
 */
function requirementsCheckedAgainstRegistry(result: Verdict, ctx: CaseContext | undefined): Verdict {
  const named = [...(result.verdict === 'fail' ? [result.requirement] : []), ...(ctx?.unregisteredNoteRequirements ?? [])];
  const unknown = unregisteredRequirements(named);
  if (unknown.length === 0) return result;
  const what = 'message' in result ? ` (${result.verdict}: ${result.message})` : '';
  return {
    verdict: 'error',
    reason: `the case named ${unknown.join(', ')}, which the requirement registry (src/core/requirements) does not know${what}`,
  };
}

/** Runs cases with bounded concurrency; results come back in plan order. */
export async function runCases(defs: CaseDefinition[], o: RunnerOptions): Promise<CaseOutcome[]> {
  // Each running case listens on the run-wide signal until it ends; concurrency bounds how many.
  setMaxListeners(Math.max(10, o.concurrency * 2 + 4), o.abort);
  if (o.interrupt) setMaxListeners(Math.max(10, o.concurrency * 2 + 4), o.interrupt);
  const out: CaseOutcome[] = new Array(defs.length);
  let next = 0;
  const worker = async () => {
    while (next < defs.length) {
      const i = next++;
      // A 2.1 run of a kept 2.0.1 case has the same id: its key names the version (one run may hold both).
      const version = defs[i].meta.ocpp === '2.1' ? '2.1:' : '';
      out[i] = await runCase(defs[i], o, `${o.runKeyPrefix ?? ''}${version}${defs[i].meta.id}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, defs.length)) }, worker));
  return out;
}
