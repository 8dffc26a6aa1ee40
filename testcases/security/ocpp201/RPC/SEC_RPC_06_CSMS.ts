import { defineCase } from '../../../../src/dsl.js';
import { actionsFor, generateValid, expectedErrorCodes, mutations, type Mutation, rng } from '../../../../src/kit/index.js';

/** Fixed seed: the same matrix every run, so a finding can be replayed. */
const SEED = 'SEC_RPC_06_CSMS/1';
/** Plain schema violations (size and nesting belong to DOS-01 and RPC-07). */
const CATEGORIES = new Set(['occurrence', 'type', 'property', 'format']);
/** Bounds: at most this many frames in all, one per mutator family per action. */
const MAX_FRAMES = 240;

export default defineCase(
  {
    id: 'SEC_RPC_06_CSMS',
    title: 'Schema-violating requests for every station-to-CSMS action',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-06',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.2.3', 'OCPPJ20-4.1.2'],
    purpose:
      'For every action a station sends to a CSMS, requests that break the 2.0.1 schema (a required field removed, an empty payload, a wrong type, null for an optional field, a value outside its enum or its length, a bad date-time, an undeclared property) are answered with a CALLERROR and never accepted: a broken BootNotification is not Accepted, and the CSMS keeps serving the session.',
    hint: 'Validate every incoming request against its JSON schema before any business logic runs; answer FormatViolation, OccurrenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation, and make sure no input (such as an empty BootNotification) can take the service down.',
    fault: 'crash-on-empty-boot',
    timeoutMs: 120_000,
  },
  async (ctx) => {
    const { station, config, validator } = ctx;
    await ctx.given('Booted');

    const root = rng(SEED);
    const plan: Mutation[] = [];
    for (const action of actionsFor(ctx.ocpp, 'to-csms')) {
      const schema = validator.schema(action, 'request');
      if (!schema) continue;
      const r = root.fork(action);
      const valid = generateValid(schema, r.fork('payload'));
      if (!validator.validate(action, 'request', valid).valid) {
        ctx.note(`${action}: the generated base payload is not valid; action skipped`);
        continue;
      }
      const families = new Set<string>();
      for (const m of mutations(r.fork('mutations'), action, valid, ctx.ocpp, { validator, maxTargets: 1, nestingDepth: 8, hugeLength: 256 })) {
        if (m.violation !== 'schema' || !CATEGORIES.has(m.category) || m.messageId === undefined || families.has(m.mutator)) continue;
        // Keep only frames whose payload really breaks the schema (e.g. a "__proto__" key vanishes in JSON).
        const payload = (JSON.parse(m.frame) as unknown[])[3];
        if (validator.validate(action, 'request', payload).valid) continue;
        families.add(m.mutator);
        plan.push(m);
      }
    }
    const frames = plan.slice(0, MAX_FRAMES);
    ctx.note(`negative matrix: ${frames.length} frames over ${new Set(frames.map((m) => m.action)).size} actions (seed ${SEED})`);

    const deadline = performance.now() + config.timeouts.caseMs / 2;
    let lastAction = '';
    let previous: Mutation | undefined;
    for (const m of frames) {
      if (performance.now() > deadline) {
        ctx.note(`time budget used up after ${frames.indexOf(m)} frames; the rest of the matrix is skipped`);
        break;
      }
      if (m.action !== lastAction) ctx.step(`${m.action}: schema-violating requests are answered with a CALLERROR and not accepted`);
      lastAction = m.action;
      const conn = station.connection;
      if (!conn) {
        if (previous) ctx.evidence(previous.frame);
        const closed = station.lastConnection?.closed;
        ctx.check(false, 'OCPPJ20-4.1.2', `the session stays open after ${previous?.id ?? 'the previous frame'}`, `the CSMS closed the connection${closed ? ` (code ${closed.code})` : ''} right after answering it`);
      }
      const before = previous;
      previous = m;
      await conn!.send(m.frame);
      let res;
      try {
        res = await station.awaitResponse(m.messageId!, `${m.action} (${m.description})`, conn, { within: config.timeouts.messageMs, requirement: 'OCPPJ20-4.2.3' });
      } catch (err) {
        if (before) ctx.evidence(before.frame);
        ctx.evidence(m.frame);
        if (conn!.closed) {
          ctx.check(false, 'OCPPJ20-4.1.2', `a CALLERROR for ${m.id}, the session staying open`, `the CSMS closed the connection (code ${conn!.closed.code})${before ? ` right after answering ${before.id}` : ''}`);
        }
        throw err;
      }
      if (res.kind === 'result') {
        ctx.evidence(m.frame);
        const status = (res.payload as { status?: unknown }).status;
        ctx.check(false, 'OCPPJ20-4.2.3', `a CALLERROR for ${m.action} with ${m.description}`, `CALLRESULT ${JSON.stringify(res.payload).slice(0, 200)}${status === 'Accepted' ? ' (Accepted)' : ''}`);
      } else {
        const allowed = expectedErrorCodes(ctx.ocpp, m);
        if (!allowed.includes(res.errorCode)) ctx.nonStrict('OCPPJ20-4.2.3', `${m.id}: ${res.errorCode}; a schema violation fits ${allowed.join(', ')}`);
      }
    }
    ctx.step('The CSMS still answers the station after the matrix');
    const hb = await station.callMayError('Heartbeat', {}, { requirement: 'OCPPJ20-4.1.2' });
    ctx.note(`Heartbeat after the matrix: ${hb.kind === 'result' ? 'CALLRESULT' : `CALLERROR ${hb.errorCode}`}`);
  },
);
