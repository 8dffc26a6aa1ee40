import type { OcppVersion } from '../core/versions.js';
import type { SchemaValidator } from '../protocol/schemas.js';
import type { MockCsms, MockStation } from '../roles/roles.js';
import type { WireRecorder } from '../transport/connection.js';
import type { ManualAdapter } from './adapter.js';
import type { Clock, IdSource } from '../core/clock.js';
import { namedWaits, strictnessOf, type NamedWaits, type Strictness, type SutConfig } from '../core/config.js';
import type { CaseMeta, SutRole } from '../core/meta.js';
import type { StepEvent } from './events.js';
import { CaseFailure, CaseInconclusive, CaseNotApplicable } from '../core/verdict.js';
import { check } from './checks.js';
import { rawUpgrade, type RawUpgradeOptions, type RawUpgradeResult } from '../transport/raw.js';
import type { TestPki } from '../pki/test-pki.js';
import { organizationOf, stationSerialOf } from '../core/config.js';
import type { SecurityProfile } from '../core/meta.js';
import { hasRequirement } from '../core/requirements/index.js';
import { observedSerialNumber } from './station-facts.js';
import { PostConditions } from './post-conditions.js';

/** Run-level services a case may use beyond its endpoint. */
export interface CaseServices {
  /** The run's test PKI (throws a UsageError naming the fix when the run has none). */
  pki?: () => TestPki;
  /** Masks a secret made during the case (a new password) in every log and report. */
  addSecret?: (secret: string) => void;
  /** The harness station uses this Basic-auth password in later cases (a real CSMS link only). */
  adoptStationPassword?: (password: string) => void;
}

export interface StepRecorder {
  step(index: number, title: string, status: StepEvent['status'], detail?: string, requirement?: string, postCondition?: boolean): void;
}

/** A reusable state (OCTT's "Reusable State"): drives the SUT into a known condition. */
export type StateFn = (ctx: CaseContext, options: Record<string, unknown>) => Promise<void>;
export type StateTable = Record<string, StateFn>;

/** How a case finds a reusable state; the engine's StateRegistry is one. */
export interface StateLookup {
  get(ocpp: OcppVersion, sut: SutRole, name: string): StateFn | undefined;
}

/**
 * Everything a case body gets. `csms` exists when the SUT is a station, `station` when the SUT
 * is a CSMS; using the other one is a harness error.
 */
export class CaseContext {
  private stepIndex = 0;
  private stepTitle: string | undefined;
  private openStepRequirement: string | undefined;
  readonly nonStrictNotes: string[] = [];
  /** Policy the SUT's operator chose, observed by the case: each becomes an info or low finding. */
  readonly policies: { requirement: string; note: string; severity: 'info' | 'low' }[] = [];
  /** Requirements a lenient run relaxed for this case (each also has a non-strict note). */
  readonly relaxed: string[] = [];
  /** Requirement ids of non-strict notes that the registry does not know (a harness error). */
  readonly unregisteredNoteRequirements: string[] = [];
  /** Per-case memory for states and cases (the transaction a state started, ...). */
  private readonly memory = new Map<string, unknown>();
  /** What the case and its states changed on the SUT, undone at case end (afterCase). */
  readonly postConditions = new PostConditions();
  /** Set once the runner runs the post-conditions: their waits listen on this signal instead. */
  private postConditionAbort: AbortSignal | undefined;

  constructor(
    readonly meta: CaseMeta,
    readonly config: SutConfig,
    readonly validator: SchemaValidator,
    readonly clock: Clock,
    readonly ids: IdSource,
    private readonly caseAbort: AbortSignal,
    private readonly recorder: WireRecorder,
    private readonly steps: StepRecorder,
    private readonly adapter: ManualAdapter,
    private readonly states: StateLookup,
    private readonly mockCsms?: MockCsms,
    private readonly mockStation?: MockStation,
    private readonly services: CaseServices = {},
  ) {}

  /** Stops the case's waits: the case's limit or the run's interrupt (the post-conditions' own once they run). */
  get abort(): AbortSignal {
    return this.postConditionAbort ?? this.caseAbort;
  }

  /**
   * Registers a post-condition: `run` undoes what the case or a state just changed on the SUT
   * (stops a transaction, restores a variable or password, removes a certificate). The runner
   * runs it at case end, pass or fail, newest first, bounded in time, as a step marked as a
   * post-condition. The returned function drops it (the case put things back itself); `when`,
   * checked at case end, says whether anything is left to undo.
   */
  afterCase(title: string, run: () => Promise<void>, o: { when?: () => boolean } = {}): () => void {
    return this.postConditions.add(title, run, o.when);
  }

  /** @internal the runner: from now on steps are post-conditions and waits listen on `signal`. */
  enterPostConditions(signal: AbortSignal): void {
    this.postConditionAbort = signal;
  }

  /** The run's test PKI: roots to install, the CA for CSRs, invalid certificates (see TestPki). */
  get pki(): TestPki {
    if (!this.services.pki) throw new Error('harness: this run has no test PKI');
    return this.services.pki();
  }

  /**
   * Declares a secret the case made (a new Basic-auth password, A01): it is masked as *** in the
   * wire log and every report from now on. Returns the value.
   */
  secret<T extends string>(value: T): T {
    this.services.addSecret?.(value);
    this.services.addSecret?.(Buffer.from(`${this.config.stationId}:${value}`).toString('base64'));
    return value;
  }

  /**
   * The CSMS gave the harness station a new Basic-auth password and lets it in with it (A01): later
   * cases of this run connect with it, as a real station would. A no-op where every case gets a
   * fresh CSMS (reference runs).
   */
  adoptStationPassword(password: string): void {
    this.services.adoptStationPassword?.(password);
  }

  /** The security profile this run uses (0-3). */
  get securityProfile(): SecurityProfile {
    return this.config.security.profile;
  }

  /**
   * The station's serial number (CN of its certificate, A00.FR.405). Testing a station: what its
   * BootNotification reported (this case or earlier in the run), else the declared
   * security.serialNumber, else the station id; a reported serial other than the declared one is
   * noted once per case. Testing a CSMS: the harness station's own, the declared one.
   */
  get serialNumber(): string {
    if (!this.mockCsms) return stationSerialOf(this.config);
    const { serial, declared, observed } = observedSerialNumber(this.config, this.mockCsms.receivedCalls('BootNotification'));
    if (observed && serial !== declared)
      this.remember(`serial-mismatch:${serial}`, () =>
        this.note(
          `the station's BootNotification reports serial number ${JSON.stringify(serial)}; the configuration declares ${JSON.stringify(declared)} (security.serialNumber, else the station id): certificate checks use the reported one`,
        ),
      );
    return serial;
  }

  /** The CSO organisation name (O of station certificates, A00.FR.404; OrganizationName / CpoName). */
  get organization(): string {
    return organizationOf(this.config);
  }

  /** The configured waits by name: `ctx.waits.reconnect` instead of connectMs + messageMs. */
  get waits(): NamedWaits {
    return namedWaits(this.config.timeouts);
  }

  get ocpp(): OcppVersion {
    return this.meta.ocpp;
  }

  /** The harness as CSMS; only when the SUT is a charging station. */
  get csms(): MockCsms {
    if (!this.mockCsms) throw new Error(`harness: case ${this.meta.id} tests a CSMS; it has ctx.station, not ctx.csms`);
    return this.mockCsms;
  }

  /** The harness as charging station; only when the SUT is a CSMS. */
  get station(): MockStation {
    if (!this.mockStation) throw new Error(`harness: case ${this.meta.id} tests a charging station; it has ctx.csms, not ctx.station`);
    return this.mockStation;
  }

  /**
   * Starts the next numbered scenario step; the previous one passed if we got here. A step may
   * carry the requirement it checks: waits inside it that name none fail on that one.
   */
  step(title: string, o: { requirement?: string } = {}): void {
    this.closeStep('pass');
    this.stepIndex += 1;
    this.stepTitle = title;
    this.openStepRequirement = o.requirement;
  }

  /** The requirement of the open step, if it names one. */
  get stepRequirement(): string | undefined {
    return this.stepTitle === undefined ? undefined : this.openStepRequirement;
  }

  /** Ends the open step with a status (the runner calls this with the verdict at the end). */
  closeStep(status: StepEvent['status'], detail?: string): void {
    if (this.stepTitle === undefined) return;
    this.steps.step(this.stepIndex, this.stepTitle, status, detail, this.openStepRequirement, this.postConditionAbort !== undefined);
    this.stepTitle = undefined;
    this.openStepRequirement = undefined;
  }

  /** This case's value under `key`, created by `init` on first use. */
  remember<T>(key: string, init: () => T): T {
    if (!this.memory.has(key)) this.memory.set(key, init());
    return this.memory.get(key) as T;
  }

  /** Marks frames as the ones that trigger this case's finding (shown in findings and SARIF). */
  evidence(...frames: string[]): void {
    this.remember<string[]>('evidence', () => []).push(...frames);
  }

  /** Frames marked with evidence(), in order. */
  get evidenceFrames(): string[] {
    return this.remember<string[]>('evidence', () => []);
  }

  /** Records a harness observation in the case's log. */
  note(text: string): void {
    this.recorder.note('observation', text);
  }

  /**
   * @deprecated Use the free `check` from the DSL: it narrows types. Kept only for
   * testcases/security until those files are converted; test/typed-dsl.test.ts keeps every other
   * case, the kit and the states off it. Delete it then.
   */
  check(condition: unknown, requirement: string, expected: string, actual: unknown): void {
    check(condition, requirement, expected, actual);
  }

  /** Fails unless `actual` is one of `allowed`. */
  expectOneOf<T>(actual: T, allowed: readonly T[], requirement: string, what: string): T {
    if (!allowed.includes(actual)) {
      throw new CaseFailure(
        requirement,
        allowed.map((a) => `${what} = ${JSON.stringify(a)}`),
        `${what} = ${JSON.stringify(actual)}`,
      );
    }
    return actual;
  }

  /** Records a SHOULD-level deviation: the case ends pass-non-strict instead of pass. */
  nonStrict(requirement: string, note: string): void {
    if (!hasRequirement(requirement)) this.unregisteredNoteRequirements.push(requirement);
    this.nonStrictNotes.push(`${requirement}: ${note}`);
    this.recorder.note('observation', `non-strict: ${requirement}: ${note}`);
  }

  /** How strictly this run judges: certification (the default) or lenient. */
  get strictness(): Strictness {
    return strictnessOf(this.config);
  }

  /**
   * A known interop quirk: the SUT deviates from `requirement` the way real peers commonly do
   * (`quirk` says which way). A certification run fails on it; a lenient run reports it as a
   * non-strict note that names the requirement it relaxes, and the case goes on.
   */
  quirk(requirement: string, expected: string, actual: string, quirk: string): void {
    if (this.strictness === 'certification') {
      throw new CaseFailure(
        requirement,
        [expected],
        actual,
        `${requirement}: expected ${expected}, got ${actual} (a known interop quirk: ${quirk}; a lenient run reports it without failing)`,
      );
    }
    if (!this.relaxed.includes(requirement)) this.relaxed.push(requirement);
    this.nonStrict(requirement, `relaxed (lenient run): ${quirk}: expected ${expected}, got ${actual}`);
  }

  /**
   * A configuration choice, not a deviation (a CSMS that accepts unknown stations at profile 0):
   * reported as a non-strict note and an info or low finding naming it, never a fail.
   */
  policy(requirement: string, note: string, severity: 'info' | 'low' = 'low'): void {
    this.policies.push({ requirement, note, severity });
    this.nonStrict(requirement, `policy: ${note}`);
  }

  notApplicable(reason: string): never {
    throw new CaseNotApplicable(reason);
  }

  /**
   * A raw HTTP upgrade (handshake edge cases), recorded in this case's log. Against a CSMS on
   * wss:// it uses the mock station's TLS settings (CSMS root, client certificate) unless `tls` is given.
   */
  rawUpgrade(o: Omit<RawUpgradeOptions, 'recorder'>): Promise<RawUpgradeResult> {
    const tls = o.tls ?? (this.mockStation && /^wss:/i.test(o.url) ? this.mockStation.tlsOptions({}) : undefined);
    return rawUpgrade({ ...o, tls, recorder: this.recorder });
  }

  /** Ends the case undecided (the SUT could not be brought into the needed state). */
  inconclusive(reason: string): never {
    throw new CaseInconclusive(reason);
  }

  /** A manual step, through the SUT adapter; not performed means the case is inconclusive. */
  async manual(action: string, params: Record<string, unknown>, instruction: string): Promise<void> {
    this.recorder.note('manual', `manual step "${action}" ${JSON.stringify(params)}: ${instruction}`);
    const outcome = await this.adapter.perform({ action, params, instruction, caseId: this.meta.id }, this.abort);
    if (!outcome.done) throw new CaseInconclusive(outcome.reason);
    this.recorder.note('manual', `manual step "${action}" done (${this.adapter.name})`);
  }

  /** Brings the SUT into a named reusable state (Booted, Authorized, EnergyTransferStarted ...). */
  async given(state: string, options: Record<string, unknown> = {}): Promise<void> {
    const fn = this.states.get(this.meta.ocpp, this.meta.sut, state);
    if (!fn) throw new Error(`harness: no reusable state "${state}" for OCPP ${this.meta.ocpp} ${this.meta.sut}`);
    this.recorder.note('harness', `reusable state ${state} ${Object.keys(options).length ? JSON.stringify(options) : ''}`.trim());
    try {
      await fn(this, options);
    } catch (err) {
      throw preconditionNotReached(state, err);
    }
  }

  /**
   * Brings the SUT back into a reusable state as part of a check (after an attack: "it serves the
   * harness again"), so a failure stays the fail it is instead of an unreached precondition.
   */
  async reachAgain(state: string, options: Record<string, unknown> = {}): Promise<void> {
    const fn = this.states.get(this.meta.ocpp, this.meta.sut, state);
    if (!fn) throw new Error(`harness: no reusable state "${state}" for OCPP ${this.meta.ocpp} ${this.meta.sut}`);
    this.recorder.note('harness', `reusable state ${state} again, as a check`);
    await fn(this, options);
  }

  /** An OCPP timestamp from the injected clock. */
  nowIso(offsetMs = 0): string {
    return new Date(this.clock.now() + offsetMs).toISOString();
  }
}

/**
 * A reusable state that could not be established makes the case inconclusive naming the state
 * (OCTT: the precondition was not met), not a fail on whichever requirement the state's own
 * exchange named. The innermost state is named; other errors (harness bugs, not-applicable,
 * an interrupted run) pass unchanged.
 */
function preconditionNotReached(state: string, err: unknown): unknown {
  if (err instanceof CaseInconclusive && err.reason.startsWith('precondition ')) return err;
  if (err instanceof CaseFailure || err instanceof CaseInconclusive) {
    return new CaseInconclusive(`precondition ${state} not reached: ${err instanceof CaseFailure ? err.message : err.reason}`);
  }
  return err;
}
