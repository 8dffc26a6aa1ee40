import { contextOf } from '../engine/typed-context.js';
import type { AnyCaseContext } from './contexts.js';
import { check } from '../engine/checks.js';
import { CaseFailure } from '../core/verdict.js';
import type { Payload } from '../roles/endpoint.js';
import { ConfigMarker } from './central-system16.js';
import { describeOutcome, expectReachable, harnessEndpoint, rawHead, sendAndObserve, type Outcome } from './observe.js';
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
  /** CALLERROR codes that fit this probe, when they are narrower than the rule's (RPC-05). */
  codes?: readonly string[];
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

/** How a rule judges its probes: the requirement each outcome names, and the codes that fit. */
export interface ProbeJudgement {
  /** A closed session, or one that no longer answers the fence. */
  session: string;
  /** A CALLRESULT: the probe was executed. */
  executed: string;
  /** A CALLERROR code outside `codes`, or under another id than "-1" for a frame without one (SHOULD level). */
  code: string;
  codes: readonly string[];
  /** No answer at all: acceptable, a SHOULD-level note, or a failure (of `code`). */
  silence: 'ok' | 'note' | 'fail';
}

/**
 * The whole body of a malformed-frame rule: the SUT booted, the carrier of its version and role,
 * the probes one at a time, then the check that none had an effect (naming `effect`, or the
 * requirement a CALLRESULT names).
 */
export async function frameProbeRule(
  ctx: AnyCaseContext,
  build: (carrier: Carrier) => FrameProbe[],
  judge: ProbeJudgement & { effect?: string },
): Promise<void> {
  await ctx.given('Booted');
  const carrier = await probeCarrier(ctx);
  const sent = build(carrier);
  await sendFrameProbes(ctx, sent, judge);
  await carrier.verify(judge.effect ?? judge.executed, sent);
}

/** A frame as evidence: long ones (a 64 KiB message id) cut. */
const shown = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text);

/** Sends the probes one at a time, each followed by a fence call, and judges every outcome. */
export async function sendFrameProbes(ctx: AnyCaseContext, probes: readonly FrameProbe[], judge: ProbeJudgement): Promise<void> {
  const sender = ctx.meta.sut === 'cs' ? 'The harness' : 'The station';
  for (const p of probes) {
    ctx.step(`${sender} sends ${p.label}; it is refused or ignored, never executed, and the session goes on`);
    const { out, resultUnderId } = await observeProbe(ctx, p, judge.session);
    ctx.note(`${p.label}: ${describeOutcome(out)}`);
    if (out.closed) ctx.evidence(shown(p.text));
    check(!out.closed, judge.session, `the session stays open after ${p.label}`, describeOutcome(out));
    const result = out.kind === 'result' ? out.text : resultUnderId;
    if (result !== undefined) {
      ctx.evidence(shown(p.text), result);
      throw new CaseFailure(
        judge.executed,
        [`${p.label} is not executed (a CALLERROR, or no answer)`],
        `CALLRESULT ${result.slice(0, 300)}`,
      );
    }
    if (out.kind === 'error') {
      const fits = p.codes ?? judge.codes;
      if (!fits.includes(out.errorCode))
        ctx.nonStrict(judge.code, `${p.label} answered with ${out.errorCode}; ${fits.join(' or ')} fits it`);
      if (p.id === undefined && out.messageId !== '-1')
        ctx.nonStrict(judge.code, `the CALLERROR for ${p.label} uses id ${JSON.stringify(out.messageId)}; with no readable id it is "-1"`);
    } else if (judge.silence !== 'ok') {
      const expected = `a CALLERROR ${(p.codes ?? judge.codes).join(' or ')} for ${p.label}`;
      if (judge.silence === 'fail') check(false, judge.code, expected, 'no answer');
      ctx.nonStrict(judge.code, `no answer to ${p.label}; ${expected} tells the sender it was refused`);
    }
  }
}

/**
 * One probe and its outcome; besides the answer sendAndObserve reads (string ids and "-1"), a
 * CALLRESULT under the probe's id whatever its JSON type (a number, an object ...).
 */
async function observeProbe(ctx: AnyCaseContext, p: FrameProbe, requirement: string): Promise<{ out: Outcome; resultUnderId?: string }> {
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
    return { out, resultUnderId: odd?.text };
  } catch (err) {
    if (err instanceof CaseFailure) ctx.evidence(shown(p.text));
    throw err;
  } finally {
    watch.stop();
  }
}
