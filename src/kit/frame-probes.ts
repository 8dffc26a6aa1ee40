import { contextOf } from '../engine/typed-context.js';
import type { AnyCaseContext } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import type { Payload } from '../roles/endpoint.js';
import { ConfigMarker } from './central-system16.js';
import {
  describeOutcome,
  expectReachable,
  harnessEndpoint,
  rawHead,
  readAnswer,
  sendAndObserve,
  type ErrorAnswer,
  type Outcome,
} from './observe.js';
import { expectedAnswer, judgeCallError, judgeSilence, type Malformation, type SilenceRule } from './error-verdicts.js';
import { RowVerdicts } from './matrix-rows.js';
import { FrameWatch } from './probes.js';

/**
 * The security rules on frames the SUT must refuse or ignore (RPC-01 to RPC-05), one judgement
 * for both OCPP versions and both roles. A probe is one frame; each is sent on its own and
 * followed by a fence call (the session must still serve), and what came back is judged: a
 * CALLRESULT means the probe was executed, a closed session fails, a CALLERROR code that does
 * not fit is a SHOULD-level note.
 *
 * What differs per version and role is the request the probes carry (the carrier) and how to
 * tell afterwards that one had an effect: a 1.6 charge point gets ChangeConfiguration of a
 * marker value (read back), a 2.0.1 station gets Reset Immediate (no reboot may follow), a
 * CSMS gets Authorize (1.6) or Heartbeat (2.0.1), whose only effect is the answer.
 */

/** One frame sent on purpose. */
export interface FrameProbe {
  label: string;
  text: string;
  /** The message id as sent (any JSON value); absent when the frame has none to read. */
  id?: unknown;
  /** What is wrong with this frame, when it differs from the rule's (the error-code table's row). */
  malformation?: Malformation;
}

/** A request the probes carry: action and a valid payload. */
export interface CarriedRequest {
  action: string;
  payload: Payload;
}

/** The requests probes carry for this version and role, and the check that none had an effect. */
export interface Carrier extends CarriedRequest {
  /** A second request, for probes that vary the request (the 1.6 central system: StartTransaction). */
  alt: CarriedRequest;
  /** A frame [type, id, action, payload, ...extra] of the main request, as text. */
  frame(type: unknown, id: unknown, ...extra: unknown[]): string;
  /** Fails `requirement` when a probe had an effect besides its answer. */
  verify(requirement: string, probes: readonly FrameProbe[]): Promise<void>;
}

/** The carrier of this case's version and role (a 1.6 charge point: reads the marker key first). */
export async function probeCarrier(ctx: AnyCaseContext): Promise<Carrier> {
  const { config } = ctx;
  const idTag = config.ids.validIdToken.idToken;
  const make = (main: CarriedRequest, alt: CarriedRequest, verify: Carrier['verify']): Carrier => ({
    ...main,
    alt,
    frame: (type, id, ...extra) => JSON.stringify([type, id, main.action, main.payload, ...extra]),
    verify,
  });
  if (ctx.meta.sut === 'csms') {
    const main = ctx.ocpp === '1.6' ? { action: 'Authorize', payload: { idTag } } : { action: 'Heartbeat', payload: {} };
    const alt =
      ctx.ocpp === '1.6'
        ? { action: 'StartTransaction', payload: { connectorId: config.ids.connectorId, idTag, meterStart: 0, timestamp: ctx.nowIso() } }
        : main;
    return make(main, alt, async () => undefined);
  }
  if (ctx.ocpp === '1.6') {
    const mark = await ConfigMarker.create(contextOf(ctx, '1.6', 'cs'));
    const main = { action: 'ChangeConfiguration', payload: mark.payload };
    return make(main, main, (requirement, probes) =>
      mark.assertUnchanged(
        contextOf(ctx, '1.6', 'cs'),
        requirement,
        probes.map((p) => ({ label: p.label, text: p.text })),
      ),
    );
  }
  const main = { action: 'Reset', payload: { type: 'Immediate' } };
  return make(main, main, async (requirement) => {
    ctx.step('No probe had an effect: the station did not reboot and still answers');
    await ctx.csms.untyped.expectNoCall('BootNotification', { within: ctx.waits.silence, requirement });
    await expectReachable(ctx, requirement);
  });
}

/** How a rule judges its probes: the requirement each outcome names, and the error-code table's row. */
export interface ProbeJudgement {
  /** A closed session, or one that no longer answers the fence. */
  session: string;
  /** A CALLRESULT: the probe was executed. */
  executed: string;
  /** A CALLERROR code or id the table does not accept for the probe, or (per `silence`) no answer. */
  code: string;
  /** What is wrong with the probes (each may name its own); the table gives the codes and the id rule. */
  malformation: Malformation;
  /** No answer at all: the table's rule for the malformation unless set here. */
  silence?: SilenceRule;
}

/**
 * The whole body of a malformed-frame rule: the SUT booted, the carrier of its version and role,
 * the probes one at a time (every probe recorded as its own step), then the check that none had an
 * effect (naming `effect`, or the requirement a CALLRESULT names); the verdict names the first
 * failing row and lists all of them.
 */
export async function frameProbeRule(
  ctx: AnyCaseContext,
  build: (carrier: Carrier) => FrameProbe[],
  judge: ProbeJudgement & { effect?: string },
): Promise<void> {
  await ctx.given('Booted');
  const carrier = await probeCarrier(ctx);
  const sent = build(carrier);
  const rows = new RowVerdicts(ctx);
  const sessionLost = await sendFrameProbes(ctx, sent, judge, rows);
  if (sessionLost) ctx.note('the session was lost: the effect check is not run');
  else await rows.control('No probe had an effect', () => carrier.verify(judge.effect ?? judge.executed, sent));
  rows.verdict();
}

/** A frame as evidence: long ones (a 64 KiB message id) cut. */
const shown = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text);

/**
 * Sends the probes one at a time, each followed by a fence call, and judges every outcome as its
 * own row (kit: RowVerdicts): a CALLRESULT fails `executed`, a closed session fails `session` and
 * ends the probes (the rows left are noted as not sent), a CALLERROR is judged by the error-code
 * table (code, id, errorDetails), no answer by the table's silence rule. Returns whether the
 * session was lost. Without `rows`, throws at the end like a single check.
 */
export async function sendFrameProbes(
  ctx: AnyCaseContext,
  probes: readonly FrameProbe[],
  judge: ProbeJudgement,
  recorder?: RowVerdicts,
): Promise<boolean> {
  const rows = recorder ?? new RowVerdicts(ctx);
  const sender = ctx.meta.sut === 'cs' ? 'The harness' : 'The station';
  const ids = probes.flatMap((p) => (typeof p.id === 'string' ? [p.id] : []));
  let lost = false;
  for (const [i, p] of probes.entries()) {
    const malformation = p.malformation ?? judge.malformation;
    rows.start(`${sender} sends ${p.label}; it is refused or ignored, never executed, and the session goes on`);
    const { out, resultUnderId, stray } = await observeProbe(ctx, p, judge.session, ids);
    const answer = out.answer?.kind === 'error' ? out.answer : stray;
    ctx.note(
      `${p.label}: ${answer && !out.answer ? `CALLERROR ${answer.errorCode} under id ${JSON.stringify(answer.messageId)}` : describeOutcome(out)}`,
    );
    const fail = (requirement: string, expected: string, actual: string) => rows.fail({ row: p.label, requirement, expected, actual });
    const result = out.kind === 'result' ? out.text : resultUnderId;
    if (result !== undefined) {
      ctx.evidence(shown(p.text), result);
      fail(judge.executed, `${p.label} is not executed (a CALLERROR, or no answer)`, `CALLRESULT ${result.slice(0, 300)} for ${p.label}`);
    } else if (out.closed) {
      ctx.evidence(shown(p.text));
      fail(judge.session, `the session stays open after ${p.label}`, `${describeOutcome(out)} after ${p.label}`);
    } else if (answer) {
      const wrong = judgeCallError(ctx, { label: p.label, malformation, sent: p.text, answer, requirement: judge.code });
      if (wrong) fail(judge.code, expectedAnswer(ctx, malformation), wrong);
    } else {
      const wrong = judgeSilence(ctx, { label: p.label, malformation, requirement: judge.code, override: judge.silence });
      if (wrong) fail(judge.code, `${expectedAnswer(ctx, malformation)} for ${p.label}`, wrong);
    }
    rows.end();
    if (out.closed) {
      lost = true;
      const left = probes.slice(i + 1).map((q) => q.label);
      if (left.length) ctx.note(`not sent, the session was lost: ${left.join(', ')}`);
      break;
    }
  }
  if (!recorder) rows.verdict();
  return lost;
}

/**
 * One probe and its outcome; besides the answer sendAndObserve reads (string ids and "-1"), a
 * CALLRESULT under the probe's id whatever its JSON type (a number, an object ...), and a
 * CALLERROR under an id that answers nothing the harness sent (an empty or made-up id), which
 * the id rule then judges.
 */
async function observeProbe(
  ctx: AnyCaseContext,
  p: FrameProbe,
  requirement: string,
  probeIds: readonly string[],
): Promise<{ out: Outcome; resultUnderId?: string; stray?: ErrorAnswer }> {
  const conn = harnessEndpoint(ctx).connection;
  if (!conn) throw new CaseFailure(requirement, ['an open connection to the SUT'], 'no connection');
  const watch = new FrameWatch(conn, () => ctx.clock.monotonic());
  try {
    const out = await sendAndObserve(ctx, p.text, { ids: typeof p.id === 'string' ? [p.id] : undefined, requirement });
    const key = p.id === undefined || typeof p.id === 'string' ? undefined : JSON.stringify(p.id);
    const odd =
      key === undefined
        ? undefined
        : watch.frames.find((f) => {
            const head = rawHead(f.text);
            return head?.[0] === 3 && JSON.stringify(head[1]) === key;
          });
    const stray =
      watch.frames
        .map((f) => readAnswer(f.text))
        .find((a): a is ErrorAnswer => a?.kind === 'error' && a.messageId !== '-1' && !probeIds.includes(a.messageId)) ??
      oddIdError(watch, key);
    return { out, resultUnderId: odd?.text, ...(stray ? { stray } : {}) };
  } catch (err) {
    if (err instanceof CaseFailure) ctx.evidence(shown(p.text));
    throw err;
  } finally {
    watch.stop();
  }
}

/** A CALLERROR echoing an id that is not a string (a number, null ...), as an answer whose id is that JSON text. */
function oddIdError(watch: FrameWatch, key: string | undefined): ErrorAnswer | undefined {
  if (key === undefined) return undefined;
  for (const f of watch.frames) {
    const head = rawHead(f.text);
    if ((head?.[0] === 4 || head?.[0] === 5) && JSON.stringify(head[1]) === key) {
      const code = typeof head[2] === 'string' ? head[2] : JSON.stringify(head[2]);
      return { kind: 'error', messageId: key, errorCode: code, errorDescription: '', text: f.text };
    }
  }
  return undefined;
}
