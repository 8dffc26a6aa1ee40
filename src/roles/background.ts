import { backgroundAnswer, type BackgroundFacts } from '../protocol/background-answers.js';
import type { OcppVersion } from '../core/versions.js';
import type { SchemaValidator } from '../protocol/schemas.js';
import type { WireRecorder } from '../transport/connection.js';

/** How an endpoint answers calls its case did not claim (see src/protocol/background-answers.ts). */
export interface BackgroundPolicy {
  facts: BackgroundFacts;
  /**
   * How long a call may wait for the case to claim it (expectCall, a responder) before the
   * harness answers it as a conformant peer would. Long enough for a case that expects the call
   * right after a manual step; short against the SUT's own call timeout.
   */
  afterMs: number;
}

/** The one call a background answer is about, as the endpoint tracks it. */
export interface PendingCall {
  messageId: string;
  action: string;
  payload: unknown;
  answered: boolean;
}

export interface BackgroundHooks {
  /** Whether the case took the call in the meantime (it owns the answer then, or its absence). */
  claimed(): boolean;
  reply(payload: Record<string, unknown>): Promise<void>;
  replyError(code: string, description: string): Promise<void>;
}

/**
 * Answers unclaimed calls after a grace period, as a conformant peer of the role would, and
 * says so in the case log ("background answer"). It is the only place the harness answers on
 * its own, and it never answers a call the case took or had a responder for.
 */
export class BackgroundResponder {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly version: OcppVersion,
    private readonly answering: 'csms' | 'station',
    private readonly policy: BackgroundPolicy,
    private readonly validator: SchemaValidator,
    private readonly recorder: WireRecorder,
  ) {}

  schedule(call: PendingCall, hooks: BackgroundHooks): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (call.answered || hooks.claimed()) return;
      void this.answer(call, hooks).catch(() => undefined);
    }, this.policy.afterMs);
    this.timers.add(timer);
  }

  private async answer(call: PendingCall, hooks: BackgroundHooks): Promise<void> {
    const known = this.validator.validate(call.action, 'request', call.payload).known;
    const answer = backgroundAnswer(this.version, this.answering, call.action, call.payload, this.policy.facts, known);
    const what = answer.kind === 'result' ? 'CALLRESULT' : `CALLERROR ${answer.errorCode}`;
    this.recorder.note(
      'harness',
      `background answer: ${call.action} (${call.messageId}) was not claimed by the case within ${this.policy.afterMs} ms; answered with a ${what} as a conformant ${this.answering === 'csms' ? 'CSMS' : 'station'} would`,
    );
    if (answer.kind === 'result') await hooks.reply(answer.payload);
    else await hooks.replyError(answer.errorCode, answer.errorDescription);
  }

  /** Case end: nothing more is answered by this case's endpoint. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * OCPP-J 4.1.1: a side should not send a CALL while one it sent before is unanswered and not
 * timed out (a SHOULD NOT). Only calls the harness neither answered nor took count: a call a step
 * took and holds back on purpose lets the SUT time out and go on. Within `windowMs` the SUT cannot
 * have timed out by any sensible timeout of its own.
 */
export function overlappingCall(
  version: OcppVersion,
  inbox: readonly { taken: boolean; call?: PendingCall & { conn: unknown; at: number } }[],
  call: PendingCall & { conn: unknown; at: number },
  windowMs: number,
): { requirement: string; text: string } | undefined {
  const earlier = inbox.find(
    (i) => i.call && i.call.conn === call.conn && !i.taken && !i.call.answered && call.at - i.call.at < windowMs,
  )?.call;
  if (!earlier) return undefined;
  return {
    requirement: version === '1.6' ? 'OCPPJ16-4.1.1' : 'OCPPJ20-4.1.1',
    text: `the SUT sent CALL ${call.action} (${call.messageId}) while its CALL ${earlier.action} (${earlier.messageId}) was still unanswered`,
  };
}
