import type { AnyCaseContext, AnyEndpoint } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import type { CallOutcome, Payload } from '../roles/endpoint.js';
import type { OcppConnection } from '../transport/connection.js';
import { actionsFor, type FuzzDirection } from '../fuzz/directions.js';
import { generateValid } from '../fuzz/generate.js';
import { mutations, type Mutation } from '../fuzz/mutate.js';
import { Random } from '../fuzz/random.js';
import { closedText, rawHead, readAnswer } from './observe.js';
import { expectedAnswer, judgeCallError, type Malformation, type SeenCallError } from './error-verdicts.js';
import { RowVerdicts } from './matrix-rows.js';
import { FrameWatch } from './probes.js';

export { actionsFor } from '../fuzz/directions.js';
export { generateValid } from '../fuzz/generate.js';
export { expectedErrorCodes, mutations } from '../fuzz/mutate.js';
export type { Mutation } from '../fuzz/mutate.js';
export { rng } from '../fuzz/random.js';

/**
 * The schema-driven negative matrix: schema-violating mutations of valid requests (fixed seed),
 * sent one by one and judged (the error-code table's CALLERROR, the session kept), every row recorded. The fuzz
 * building blocks a case needs for its own matrix are re-exported here.
 */

/** A CALLRESULT payload that refuses the request (status Rejected, idTagInfo Invalid ...): its status. */
export function refusalStatus(payload: Payload): string | undefined {
  const refusals = [
    'Rejected',
    'Invalid',
    'Blocked',
    'Expired',
    'NotSupported',
    'NotImplemented',
    'UnknownVendorId',
    'UnknownMessageId',
    'Failed',
    'Unknown',
  ];
  if (typeof payload.status === 'string' && refusals.includes(payload.status)) return payload.status;
  const tag = (payload.idTagInfo as Payload | undefined)?.status;
  if (typeof tag === 'string' && tag !== 'Accepted') return `idTagInfo ${tag}`;
  return undefined;
}

/** How a version's matrix is generated: base payloads and mutation bounds (fixed per version so a seed replays). */
export interface MatrixShape {
  /** Distinct mutators per action, at most. */
  perAction: number;
  /** Frames in all, at most. */
  maxFrames: number;
  /** Realistic valid payloads per action; the rest are generated from the schema. */
  basePayloads?: Record<string, Payload>;
  /** Longest generated string of a base payload (1.6 keeps them short). */
  maxStringLength?: number;
  nestingDepth: number;
  hugeLength: number;
}

/** Plain schema violations (size and nesting belong to DOS-01 and RPC-07). */
const PLAIN = new Set(['occurrence', 'type', 'property', 'format']);

/**
 * The schema-driven negative matrix of the case's version: for every action the SUT receives in
 * this direction, schema-violating mutations of a valid payload (distinct mutators, fixed seed),
 * each a four-element CALL whose payload really fails the schema.
 */
export function negativeMatrix(ctx: AnyCaseContext, direction: FuzzDirection, seed: string, shape: MatrixShape): Mutation[] {
  const { validator } = ctx;
  const root = new Random(seed);
  const out: Mutation[] = [];
  for (const action of actionsFor(ctx.ocpp, direction)) {
    const schema = validator.schema(action, 'request');
    if (!schema) continue;
    const stream = root.fork(action);
    const payload =
      shape.basePayloads?.[action] ??
      generateValid(schema, stream.fork('payload'), shape.maxStringLength ? { maxStringLength: shape.maxStringLength } : {});
    if (!validator.validate(action, 'request', payload).valid) {
      ctx.note(`${action}: the base payload is not valid; action skipped`);
      continue;
    }
    const mutators = new Set<string>();
    for (const m of mutations(stream.fork('mutations'), action, payload, ctx.ocpp, {
      validator,
      maxTargets: 1,
      nestingDepth: shape.nestingDepth,
      hugeLength: shape.hugeLength,
    })) {
      if (mutators.size >= shape.perAction) break;
      if (m.violation !== 'schema' || m.expectation !== 'callerror' || !m.messageId || !PLAIN.has(m.category) || mutators.has(m.mutator))
        continue;
      // Keep only frames whose payload really breaks the schema (a "__proto__" key vanishes in JSON).
      const f = rawHead(m.frame);
      if (!f || f.length !== 4 || validator.validate(action, 'request', f[3]).valid) continue;
      mutators.add(m.mutator);
      out.push(m);
    }
  }
  return out.slice(0, shape.maxFrames);
}

/** The requirement each outcome of the matrix names. */
export interface MatrixJudgement {
  /** A CALLRESULT accepting an invalid request, or no answer at all. */
  executed: string;
  /** The session closed or lost. */
  session: string;
  /** A refusing CALLRESULT (SHOULD level), or a CALLERROR code or id the error-code table does not accept. */
  code: string;
}

/** The error-code table's row for a JSON-schema keyword a payload breaks. */
function malformationOfKeyword(keyword: string): Malformation {
  if (['required', 'minItems', 'maxItems', 'minProperties', 'maxProperties'].includes(keyword)) return 'missing-field';
  if (keyword === 'type') return 'wrong-type';
  if (keyword === 'additionalProperties') return 'extra-property';
  if (keyword === 'format') return 'bad-format';
  return 'bad-value';
}

/**
 * The error-code table's rows for a schema mutation: what the mutation meant, and what the
 * schema's own check names (0.5 for an integer field is an invalid value and a wrong type).
 */
export function malformationsOf(ctx: AnyCaseContext, m: Mutation, payload: unknown): Malformation[] {
  const keywords = ctx.validator.validate(m.action, 'request', payload).violations.map((v) => v.keyword);
  return [...new Set([malformationOf(m), ...keywords.slice(0, 3).map(malformationOfKeyword)])];
}

/** The error-code table's row for a schema mutation (the matrix holds only plain schema violations). */
export function malformationOf(m: Mutation): Malformation {
  if (m.mutator === 'unknown-field') return 'extra-property';
  switch (m.category) {
    case 'occurrence':
      return 'missing-field';
    case 'type':
      return 'wrong-type';
    case 'format':
      return 'bad-format';
    default:
      return 'bad-value';
  }
}

/**
 * Sends each mutation on the current connection (a fresh message id each) and judges every answer
 * as its own row (kit: RowVerdicts; one step per action): a CALLRESULT accepting it, or none,
 * fails `executed`; a CALLRESULT that refuses it is a SHOULD-level note; a CALLERROR is judged by
 * the error-code table (code and id); a lost session fails and ends the matrix. The verdict comes
 * after the last row: the first failing row's requirement, every failing row listed. Bounded by
 * half the case timeout. Without `rows`, throws at the end; with it, the caller gives the verdict.
 */
export async function runNegativeMatrix(
  ctx: AnyCaseContext,
  endpoint: AnyEndpoint,
  entries: Mutation[],
  judge: MatrixJudgement,
  recorder?: RowVerdicts,
): Promise<{ sent: number; conn: OcppConnection }> {
  const rows = recorder ?? new RowVerdicts(ctx);
  const first = endpoint.connection;
  if (!first) throw new CaseFailure(judge.session, ['an open connection to the SUT'], 'no connection');
  const deadline = performance.now() + ctx.config.timeouts.caseMs / 2;
  const refused: string[] = [];
  const unserved = new Set<string>();
  let sent = 0;
  let lastAction = '';
  for (const m of entries) {
    if (performance.now() > deadline) {
      ctx.note(`time budget used up after ${sent} frames; the rest of the matrix is skipped`);
      break;
    }
    if (m.action !== lastAction) {
      if (lastAction) rows.end();
      rows.start(`${m.action}: schema-violating requests are answered with a CALLERROR and not executed`);
    }
    lastAction = m.action;
    const row = `${m.action} with ${m.description}`;
    const fail = (requirement: string, expected: string, actual: string) => rows.fail({ row, requirement, expected, actual });
    const conn = endpoint.connection;
    if (conn !== first || !first.isOpen) {
      fail(judge.session, 'the session stays open after the previous invalid request', closedText(first));
      break;
    }
    const id = ctx.ids.next();
    const frame = m.frame.replace(JSON.stringify(m.messageId), JSON.stringify(id));
    await conn.send(frame);
    sent += 1;
    const malformation = malformationsOf(ctx, m, rawHead(frame)?.[3]);
    const answer = await answerOn(ctx, endpoint, conn, id, row, judge.executed);
    ctx.note(
      `${m.id}: ${answer.kind === 'error' ? `CALLERROR ${answer.errorCode}` : answer.kind === 'result' ? 'CALLRESULT' : answer.why}`,
    );
    if (answer.kind === 'none') {
      ctx.evidence(frame);
      if (conn.closed) {
        fail(judge.session, `a CALLERROR for ${row}, the session kept`, `${closedText(conn)} after that request`);
        break;
      }
      fail(judge.executed, `${expectedAnswer(ctx, malformation)} for ${row}`, `no answer to ${row}`);
      continue;
    }
    if (answer.kind === 'result') {
      const status = refusalStatus(answer.payload);
      if (status) {
        refused.push(`${m.action} (${m.mutator}): ${status}`);
        continue;
      }
      ctx.evidence(frame);
      fail(
        judge.executed,
        `a CALLERROR for ${row}`,
        `CALLRESULT ${JSON.stringify(answer.payload).slice(0, 200)}: the invalid request ${row} was accepted`,
      );
      continue;
    }
    // An optional action the SUT does not serve is refused before its payload is read: not a code to judge.
    if (answer.errorCode === 'NotSupported' || answer.errorCode === 'NotImplemented') {
      unserved.add(`${m.action} (${answer.errorCode})`);
      continue;
    }
    const wrong = judgeCallError(ctx, { label: row, malformation, sent: frame, answer, requirement: judge.code });
    if (wrong) fail(judge.code, expectedAnswer(ctx, malformation), wrong);
  }
  if (lastAction) rows.end();
  ctx.note(`negative matrix: ${sent} invalid requests over ${new Set(entries.map((e) => e.action)).size} actions`);
  if (unserved.size) ctx.note(`actions the SUT does not serve, so their payloads were not judged: ${[...unserved].join(', ')}`);
  if (refused.length)
    ctx.nonStrict(judge.code, `invalid requests refused with a CALLRESULT instead of a CALLERROR: ${refused.slice(0, 5).join('; ')}`);
  if (!recorder) rows.verdict();
  return { sent, conn: first };
}

/**
 * The answer to one matrix row: the CALLRESULT / CALLERROR under its id, else a CALLERROR under
 * "-1", "" or another id nobody asked for (which the id rule then judges), else none.
 */
async function answerOn(
  ctx: AnyCaseContext,
  endpoint: AnyEndpoint,
  conn: OcppConnection,
  id: string,
  what: string,
  requirement: string,
): Promise<{ kind: 'result'; payload: Payload } | (SeenCallError & { kind: 'error' }) | { kind: 'none'; why: string }> {
  const watch = new FrameWatch(conn, () => ctx.clock.monotonic());
  try {
    const res: CallOutcome = await endpoint.awaitResponse(id, what, conn, { within: ctx.config.timeouts.messageMs, requirement });
    if (res.kind === 'result') return { kind: 'result', payload: res.payload };
    const text =
      watch.frames.find((f) => readAnswer(f.text)?.messageId === id)?.text ??
      JSON.stringify([4, id, res.errorCode, res.errorDescription, res.errorDetails]);
    return { kind: 'error', errorCode: res.errorCode, messageId: id, text };
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    const stray = watch.frames.map((f) => readAnswer(f.text)).find((a) => a?.kind === 'error');
    if (stray) return { kind: 'error', errorCode: stray.errorCode, messageId: stray.messageId, text: stray.text };
    return { kind: 'none', why: conn.closed ? closedText(conn) : 'no answer' };
  } finally {
    watch.stop();
  }
}
