import type { AnyCaseContext } from './contexts.js';
import { errorExpectation, judgeErrorCode, judgeErrorId, type Malformation, type SilenceRule } from '../protocol/error-expectations.js';
import { rawHead } from './observe.js';

export { errorExpectation, judgeErrorCode, judgeErrorId, readableMessageId } from '../protocol/error-expectations.js';
export type { Malformation, ErrorExpectation, CodeJudgement, SilenceRule } from '../protocol/error-expectations.js';

/**
 * The one judgement of a CALLERROR (or of no answer) to a malformed frame, by the table in
 * src/protocol/error-expectations.ts: the prescribed code passes, another fitting code of the
 * version is pass-non-strict naming `requirement`, a wrong code or a wrong message id fails.
 * Functions return the failure text instead of throwing, so a matrix can record every row first.
 */

/** A CALLERROR as read from the wire. */
export interface SeenCallError {
  errorCode: string;
  messageId: string;
  /** The raw text, to check errorDetails. */
  text: string;
}

/** What a row expects, in words for steps and failures (several readings of one frame: any of their codes). */
export function expectedAnswer(ctx: AnyCaseContext, malformation: Malformation | readonly Malformation[]): string {
  const rows = typeof malformation === 'string' ? [malformation] : malformation;
  return `a CALLERROR ${[...new Set(rows.flatMap((m) => errorExpectation(ctx.ocpp, m).exact))].join(' or ')}`;
}

const RANK = { exact: 0, fitting: 1, wrong: 2 } as const;

/**
 * Judges a CALLERROR answering `sent`: code by the table, id by the id rule, errorDetails an
 * object (OCPP-J §4.2.3; a string there is still a CALLERROR, noted). Returns the failure line, if any.
 */
export function judgeCallError(
  ctx: AnyCaseContext,
  o: { label: string; malformation: Malformation | readonly Malformation[]; sent: string; answer: SeenCallError; requirement: string },
): string | undefined {
  // A frame that breaks the schema in a way two rows describe (0.5 for an integer: a wrong type and
  // an invalid value) is judged by the row that fits the answer best.
  const rows = typeof o.malformation === 'string' ? [o.malformation] : o.malformation;
  const code = rows
    .map((m) => judgeErrorCode(ctx.ocpp, m, o.answer.errorCode))
    .reduce((best, j) => (RANK[j.grade] < RANK[best.grade] ? j : best));
  const id = judgeErrorId(ctx.ocpp, o.sent, o.answer.messageId);
  const details = rawHead(o.answer.text)?.[4];
  if (typeof details !== 'object' || details === null || Array.isArray(details))
    ctx.nonStrict(
      o.requirement,
      `the CALLERROR for ${o.label} carries errorDetails ${JSON.stringify(details) ?? '(missing)'}; OCPP-J requires a JSON object ({} when empty)`,
    );
  if (code.grade === 'fitting') ctx.nonStrict(o.requirement, `${o.label}: ${code.text}`);
  if (id.grade === 'fitting') ctx.nonStrict(o.requirement, `${o.label}: ${id.text}`);
  const wrong = [code, id].filter((j) => j.grade === 'wrong').map((j) => j.text);
  return wrong.length ? `${o.label}: ${wrong.join('; ')}` : undefined;
}

/** Judges no answer to a malformed frame by the row's silence rule (or `override`); returns the failure line, if any. */
export function judgeSilence(
  ctx: AnyCaseContext,
  o: { label: string; malformation: Malformation; requirement: string; override?: SilenceRule },
): string | undefined {
  const e = errorExpectation(ctx.ocpp, o.malformation);
  const rule = o.override ?? e.silence;
  const expected = `${expectedAnswer(ctx, o.malformation)} for ${o.label}`;
  if (rule === 'fail') return `no answer to ${o.label}; OCPP ${ctx.ocpp} requires ${expected} (${e.why})`;
  if (rule === 'note') ctx.nonStrict(o.requirement, `no answer to ${o.label}; ${expected} tells the sender it was refused`);
  return undefined;
}
