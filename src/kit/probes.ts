import type { AnyCaseContext, AnyEndpoint } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import type { OcppConnection } from '../transport/connection.js';
import type { Payload } from '../roles/endpoint.js';
import { sleep } from '../transport/wait.js';
import { fenceCall, isCallText, rawHead, readAnswer, waitUntil, type Answer } from './observe.js';

/**
 * Several frames at once (observe.ts for one): the harness sends probes one after the other
 * (a CALL only once the previous CALL is answered or silent), then a fence, and reads every
 * answer each probe got. Used by the OCPP-J robustness cases of both
 * roles, where the probes are frames the SUT must not execute.
 */

/** A frame the harness sends on purpose (valid or not) and the message id an answer would carry. */
export interface Probe {
  label: string;
  text: string;
  /** The id an answer would be correlated by; undefined when the frame has no readable id. */
  id?: string;
}

export interface ProbeOutcome {
  probe: Probe;
  answers: Answer[];
}

export interface ProbeReport {
  outcomes: ProbeOutcome[];
  /** Answers under the id "-1" (frames whose id could not be read). */
  minusOne: Answer[];
  watch: FrameWatch;
}

/** Collects what one connection receives from now on, and when it closed. */
export class FrameWatch {
  readonly frames: { text: string; at: number }[] = [];
  closedAt: number | undefined;
  private readonly offs: (() => void)[];

  constructor(
    readonly conn: OcppConnection,
    private readonly now: () => number,
  ) {
    this.offs = [conn.onFrame((f) => this.frames.push({ text: f.text, at: f.at })), conn.onClose(() => (this.closedAt = this.now()))];
    if (conn.closed) this.closedAt = this.now();
  }

  /** Every CALLRESULT / CALLERROR carrying this message id. */
  answersTo(id: string): Answer[] {
    return this.frames.flatMap((f) => {
      const a = readAnswer(f.text);
      return a && a.messageId === id ? [a] : [];
    });
  }

  /** CALLs the SUT sent on this connection (action names). */
  calls(): string[] {
    return this.frames.flatMap((f) => {
      const a = rawHead(f.text);
      return a && a[0] === 2 && typeof a[2] === 'string' ? [a[2]] : [];
    });
  }

  stop(): void {
    for (const off of this.offs) off();
  }
}

/**
 * Sends the probes back to back on the current connection, then a valid "fence" CALL whose
 * answer proves the session is still usable; returns what answered each probe. Probes sent
 * before the SUT dropped the connection are marked as evidence.
 */
export async function sendProbes(
  ctx: AnyCaseContext,
  endpoint: AnyEndpoint,
  probes: Probe[],
  fence: { action: string; payload: Payload },
  requirement: string,
): Promise<ProbeReport> {
  const conn = endpoint.connection;
  if (!conn) throw new CaseFailure(requirement, ['an open connection to the SUT'], 'no connection');
  const now = () => ctx.clock.monotonic();
  const watch = new FrameWatch(conn, now);
  const sentAt: number[] = [];
  try {
    for (const p of probes) {
      if (!conn.isOpen) break;
      sentAt.push(now());
      await conn.send(p.text);
      // OCPP-J 4.1.1: one CALL in flight. A probe that is a CALL gets its answer (or its silence
      // window) before the next CALL goes out; frames that are no CALL need no answer to wait for.
      const id = p.id;
      if (id !== undefined && isCallText(p.text)) {
        await waitUntil(ctx, () => !conn.isOpen || watch.answersTo(id).length > 0, ctx.config.timeouts.silenceMs);
      }
    }
    try {
      await fenceCall(ctx, endpoint, conn, fence.action, fence.payload, requirement);
    } catch (err) {
      const closedAt = watch.closedAt;
      if (err instanceof CaseFailure && closedAt !== undefined) {
        ctx.evidence(...probes.filter((_, i) => sentAt[i] !== undefined && sentAt[i] <= closedAt).map((p) => p.text));
      }
      throw err;
    }
    // Answers to earlier frames precede the fence's in practice; a short grace covers reordering.
    await sleep(30, ctx.abort);
  } finally {
    watch.stop();
  }
  return {
    outcomes: probes.map((probe) => ({ probe, answers: probe.id ? watch.answersTo(probe.id) : [] })),
    minusOne: watch.answersTo('-1'),
    watch,
  };
}

/**
 * The verdict for probes that must not be executed: a CALLRESULT fails `requirement`; a
 * CALLERROR with a code outside `allowed` is a SHOULD-level note (pass-non-strict).
 */
export function judgeNotExecuted(
  ctx: AnyCaseContext,
  sent: { outcomes: ProbeOutcome[]; minusOne: Answer[] },
  requirement: string,
  allowed: readonly string[],
  codeRequirement = requirement,
): void {
  for (const o of sent.outcomes) {
    const result = o.answers.find((a) => a.kind === 'result');
    if (result) {
      ctx.evidence(o.probe.text);
      throw new CaseFailure(
        requirement,
        [`no CALLRESULT for ${o.probe.label} (a CALLERROR, or no answer)`],
        `CALLRESULT ${result.text.slice(0, 300)}`,
      );
    }
  }
  const codes = new Set<string>();
  for (const o of sent.outcomes)
    for (const a of o.answers) if (a.kind === 'error' && !allowed.includes(a.errorCode)) codes.add(`${o.probe.label}: ${a.errorCode}`);
  for (const a of sent.minusOne) if (a.kind === 'error' && !allowed.includes(a.errorCode)) codes.add(`id "-1": ${a.errorCode}`);
  if (codes.size) ctx.nonStrict(codeRequirement, `CALLERROR codes outside ${allowed.join('/')}: ${[...codes].join('; ')}`);
}
