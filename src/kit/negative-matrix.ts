import type { AnyCaseContext, AnyEndpoint } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import type { CallOutcome, Payload } from '../roles/endpoint.js';
import type { OcppConnection } from '../transport/connection.js';
import { actionsFor, type FuzzDirection } from '../fuzz/directions.js';
import { generateValid } from '../fuzz/generate.js';
import { expectedErrorCodes, mutations, type Mutation } from '../fuzz/mutate.js';
import { Random } from '../fuzz/random.js';
import { closedText, rawHead } from './observe.js';

export { actionsFor } from '../fuzz/directions.js';
export { generateValid } from '../fuzz/generate.js';
export { expectedErrorCodes, mutations } from '../fuzz/mutate.js';
export type { Mutation } from '../fuzz/mutate.js';
export { rng } from '../fuzz/random.js';

/**
 * The schema-driven negative matrix: schema-violating mutations of valid requests (fixed seed),
 * sent one by one and judged (a CALLERROR of the payload family, the session kept). The fuzz
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
  /** A refusing CALLRESULT, or a CALLERROR code outside the payload family (SHOULD level). */
  code: string;
  /** Codes besides the payload family that fit (1.6: the misspelt occurrence code, NotSupported ...). */
  extraCodes?: readonly string[];
}

/**
 * Sends each mutation on the current connection (a fresh message id each) and judges the answer:
 * a CALLRESULT accepting it, or none, fails; a CALLRESULT that refuses it or a code outside the
 * payload family is a SHOULD-level note; a lost session fails, naming the frame before when the
 * SUT answered and then dropped. Bounded by half the case timeout.
 */
export async function runNegativeMatrix(
  ctx: AnyCaseContext,
  endpoint: AnyEndpoint,
  entries: Mutation[],
  judge: MatrixJudgement,
): Promise<{ sent: number; conn: OcppConnection }> {
  const first = endpoint.connection;
  if (!first) throw new CaseFailure(judge.session, ['an open connection to the SUT'], 'no connection');
  const deadline = performance.now() + ctx.config.timeouts.caseMs / 2;
  const offCode: string[] = [];
  const refused: string[] = [];
  let sent = 0;
  let previous: string | undefined;
  let lastAction = '';
  for (const m of entries) {
    if (performance.now() > deadline) {
      ctx.note(`time budget used up after ${sent} frames; the rest of the matrix is skipped`);
      break;
    }
    if (m.action !== lastAction) ctx.step(`${m.action}: schema-violating requests are answered with a CALLERROR and not executed`);
    lastAction = m.action;
    const conn = endpoint.connection;
    if (conn !== first || !first.isOpen) {
      if (previous) ctx.evidence(previous);
      throw new CaseFailure(
        judge.session,
        [`the session stays open after ${previous ? 'the previous invalid request' : 'the start'}`],
        closedText(first),
      );
    }
    const id = ctx.ids.next();
    const frame = m.frame.replace(JSON.stringify(m.messageId), JSON.stringify(id));
    await conn.send(frame);
    sent += 1;
    let res: CallOutcome;
    try {
      res = await endpoint.awaitResponse(id, `${m.action} with ${m.description}`, conn, {
        within: ctx.config.timeouts.messageMs,
        requirement: judge.executed,
      });
    } catch (err) {
      if (!(err instanceof CaseFailure)) throw err;
      ctx.evidence(frame);
      if (conn.closed)
        throw new CaseFailure(
          judge.session,
          [`a CALLERROR for ${m.action} with ${m.description}, the session kept`],
          `${closedText(conn)} after that request`,
        );
      throw err;
    }
    previous = frame;
    if (res.kind === 'result') {
      const status = refusalStatus(res.payload);
      if (status) {
        refused.push(`${m.action} (${m.mutator}): ${status}`);
        continue;
      }
      ctx.evidence(frame);
      throw new CaseFailure(
        judge.executed,
        [`a CALLERROR for ${m.action} with ${m.description}`],
        `CALLRESULT ${JSON.stringify(res.payload).slice(0, 200)}: the invalid request was accepted`,
      );
    }
    const allowed = [...expectedErrorCodes(ctx.ocpp, m), ...(judge.extraCodes ?? [])];
    if (!allowed.includes(res.errorCode)) offCode.push(`${m.id}: ${res.errorCode}`);
  }
  ctx.note(`negative matrix: ${sent} invalid requests over ${new Set(entries.map((e) => e.action)).size} actions`);
  if (refused.length)
    ctx.nonStrict(judge.code, `invalid requests refused with a CALLRESULT instead of a CALLERROR: ${refused.slice(0, 5).join('; ')}`);
  if (offCode.length) ctx.nonStrict(judge.code, `CALLERROR codes outside the payload family: ${offCode.slice(0, 5).join('; ')}`);
  return { sent, conn: first };
}
