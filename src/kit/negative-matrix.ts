import type { AnyCaseContext, AnyEndpoint } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import type { CallOutcome, Payload } from '../roles/endpoint.js';
import type { OcppConnection } from '../transport/connection.js';
import { schemaViolationCodes } from '../protocol/errors.js';
import { actionsFor, type FuzzDirection } from '../fuzz/directions.js';
import { generateValid } from '../fuzz/generate.js';
import { mutations, type Mutation } from '../fuzz/mutate.js';
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
  const refusals = ['Rejected', 'Invalid', 'Blocked', 'Expired', 'NotSupported', 'NotImplemented', 'UnknownVendorId', 'UnknownMessageId', 'Failed', 'Unknown'];
  if (typeof payload.status === 'string' && refusals.includes(payload.status)) return payload.status;
  const tag = (payload.idTagInfo as Payload | undefined)?.status;
  if (typeof tag === 'string' && tag !== 'Accepted') return `idTagInfo ${tag}`;
  return undefined;
}

/**
 * The schema-driven negative matrix: for every action the SUT receives in this direction, up to
 * `perAction` schema-violating mutations (distinct mutators, fixed seed) of a valid payload. A
 * realistic base payload can be given per action; the rest are generated from the schema.
 */
export function negativeMatrix16(
  ctx: AnyCaseContext,
  direction: FuzzDirection,
  seed: string,
  perAction: number,
  basePayloads: Record<string, Payload> = {},
): Mutation[] {
  const validator = ctx.validator;
  const root = new Random(seed);
  const out: Mutation[] = [];
  for (const action of actionsFor('1.6', direction)) {
    const schema = validator.schema(action, 'request');
    if (!schema) continue;
    const stream = root.fork(action);
    const payload = basePayloads[action] ?? generateValid(schema, stream.fork('payload'), { maxStringLength: 16 });
    const candidates = mutations(stream.fork('mutations'), action, payload, '1.6', { validator, maxTargets: 1, nestingDepth: 4, hugeLength: 64 }).filter((m) => {
      if (m.violation !== 'schema' || m.expectation !== 'callerror' || !m.messageId || m.category === 'size' || m.category === 'nesting') return false;
      const f = rawHead(m.frame);
      return !!f && f.length === 4 && !validator.validate(action, 'request', f[3]).valid;
    });
    const mutators = new Set<string>();
    for (const m of candidates) {
      if (mutators.size >= perAction) break;
      if (mutators.has(m.mutator)) continue;
      mutators.add(m.mutator);
      out.push(m);
    }
  }
  return out;
}

/**
 * Sends each mutation on the current connection (with a fresh message id) and judges the answer:
 * a CALLRESULT accepting it fails `requirement`; a CALLRESULT that refuses it, a code outside the
 * 1.6 payload family or no answer is a SHOULD-level note; a dropped connection fails.
 */
export async function runNegativeMatrix16(
  ctx: AnyCaseContext,
  endpoint: AnyEndpoint,
  entries: Mutation[],
  requirement: string,
  codeRequirement: string,
): Promise<{ sent: number; conn: OcppConnection }> {
  const conn = endpoint.connection;
  if (!conn) throw new CaseFailure(requirement, ['an open connection to the SUT'], 'no connection');
  const within = Math.min(ctx.config.timeouts.messageMs, 5000);
  const allowed = [...schemaViolationCodes('1.6'), 'OccurrenceConstraintViolation', 'NotSupported', 'NotImplemented'];
  const offCode: string[] = [];
  const silent: string[] = [];
  const refused: string[] = [];
  let sent = 0;
  for (const m of entries) {
    const id = ctx.ids.next();
    const frame = m.frame.replace(JSON.stringify(m.messageId), JSON.stringify(id));
    if (!conn.isOpen) throw new CaseFailure(requirement, ['the connection stays open while invalid requests are refused'], closedText(conn));
    await conn.send(frame);
    sent += 1;
    let res: CallOutcome;
    try {
      res = await endpoint.awaitResponse(id, `${m.action} with ${m.description}`, conn, { within, requirement });
    } catch (err) {
      if (!(err instanceof CaseFailure)) throw err;
      if (conn.closed) {
        ctx.evidence(frame);
        throw new CaseFailure(requirement, [`a CALLERROR for ${m.action} with ${m.description}, the session kept`], `${closedText(conn)} after that request`);
      }
      silent.push(`${m.action} (${m.description})`);
      if (silent.length >= 3) {
        ctx.note('negative matrix stopped early: three requests went unanswered');
        break;
      }
      continue;
    }
    if (res.kind === 'result') {
      const status = refusalStatus(res.payload);
      if (status) {
        refused.push(`${m.action} (${m.mutator}): ${status}`);
        continue;
      }
      ctx.evidence(frame);
      throw new CaseFailure(requirement, [`a CALLERROR for ${m.action} with ${m.description}`], `CALLRESULT ${JSON.stringify(res.payload).slice(0, 200)}: the invalid request was accepted`);
    }
    if (!allowed.includes(res.errorCode)) offCode.push(`${m.action} (${m.mutator}): ${res.errorCode}`);
  }
  ctx.note(`negative matrix: ${sent} invalid requests over ${new Set(entries.map((e) => e.action)).size} actions`);
  if (silent.length) ctx.nonStrict(codeRequirement, `no answer to ${silent.length} invalid request(s): ${silent.slice(0, 5).join('; ')}`);
  if (refused.length) ctx.nonStrict(codeRequirement, `invalid requests refused with a CALLRESULT instead of a CALLERROR: ${refused.slice(0, 5).join('; ')}`);
  if (offCode.length) ctx.nonStrict(codeRequirement, `CALLERROR codes outside the 1.6 payload family: ${offCode.slice(0, 5).join('; ')}`);
  return { sent, conn };
}
