import { defineCase } from '../../../../src/dsl.js';
import { actionsFor, generateValid, expectedErrorCodes, mutations, type Mutation, rng, callsSince, describeOutcome, mark, sendAndObserve } from '../../../../src/kit/index.js';

/** Fixed seed: the same matrix every run, so a finding can be replayed. */
const SEED = 'SEC_RPC_06_CS/1';
/** Schema violations per action (bounded traffic: 40 actions x 3 frames). */
const PER_ACTION = 3;
/** Mutation categories that are plain schema violations (size and nesting are DOS cases). */
const CATEGORIES = new Set(['occurrence', 'type', 'property', 'format']);

export default defineCase(
  {
    id: 'SEC_RPC_06_CS',
    title: 'Schema-violating requests for every CSMS-to-station action',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-06',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.2.3', 'OCPPJ20-4.3'],
    purpose:
      'For every action a CSMS sends to a station, requests that break the 2.0.1 schema (a required field removed, a wrong type, a value outside its enum, a string one past its maximum, a bad date-time, an undeclared property) are answered with a CALLERROR of the schema family and are not executed: with the cable plugged in, no transaction starts and the station does not reset.',
    hint: 'Validate every incoming request against its JSON schema before acting on it; answer FormatViolation, OccurrenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation and leave the state untouched.',
    fault: 'schema-unchecked-request-start',
    timeoutMs: 120_000,
  },
  async (ctx) => {
    const { csms, config, validator } = ctx;
    await ctx.given('Booted');
    ctx.step('An EV is plugged in, so that an executed RequestStartTransaction would start charging');
    await ctx.given('EVConnectedPreSession');
    csms.respondTo('TransactionEvent', (c) => (c.payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}));

    const root = rng(SEED);
    const plan: Mutation[] = [];
    for (const action of actionsFor(ctx.ocpp, 'to-cs')) {
      const schema = validator.schema(action, 'request');
      if (!schema) continue;
      const r = root.fork(action);
      const valid = generateValid(schema, r.fork('payload'));
      const chosen = mutations(r.fork('mutations'), action, valid, ctx.ocpp, { validator, maxTargets: 1, nestingDepth: 8, hugeLength: 256 })
        .filter((m) => m.violation === 'schema' && CATEGORIES.has(m.category) && m.messageId !== undefined)
        .filter((m) => {
          // Keep only frames whose payload really breaks the schema (guards against generator slips).
          try {
            return !validator.validate(action, 'request', (JSON.parse(m.frame) as unknown[])[3]).valid;
          } catch {
            return false;
          }
        })
        .slice(0, PER_ACTION);
      plan.push(...chosen);
    }
    ctx.note(`negative matrix: ${plan.length} frames over ${new Set(plan.map((m) => m.action)).size} actions (seed ${SEED})`);

    ctx.step(`The harness sends ${plan.length} schema-violating requests; each is answered with a schema-family CALLERROR`);
    const inexact: string[] = [];
    const before = mark(csms);
    for (const m of plan) {
      const id = ctx.ids.next();
      const text = m.frame.split(JSON.stringify(m.messageId)).join(JSON.stringify(id));
      const conn = csms.connection;
      const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.messageMs });
      const allowed = expectedErrorCodes(ctx.ocpp, m);
      if (out.kind !== 'error' || !allowed.includes(out.errorCode)) ctx.evidence(text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
      ctx.check(out.kind !== 'result', 'OCPPJ20-4.2.3', `${m.id} (${m.description}) is refused, not accepted`, describeOutcome(out));
      ctx.check(out.kind === 'error', 'OCPPJ20-4.2.3', `${m.id} (${m.description}) is answered with a CALLERROR`, describeOutcome(out));
      if (out.kind === 'error') {
        ctx.expectOneOf(out.errorCode, allowed, 'OCPPJ20-4.3', `CALLERROR code for ${m.id}`);
        const exact = m.category === 'occurrence' ? 'OccurrenceConstraintViolation' : m.category === 'type' ? 'TypeConstraintViolation' : undefined;
        if (exact && out.errorCode !== exact) inexact.push(`${m.id}: ${out.errorCode}`);
      }
      ctx.check(conn?.closed === undefined, 'OCPPJ20-4.2.3', `the session survives ${m.id}`, 'the connection closed');
    }
    if (inexact.length) ctx.note(`codes other than the most specific one (allowed): ${inexact.slice(0, 10).join('; ')}${inexact.length > 10 ? ' ...' : ''}`);

    ctx.step('Nothing was executed: no transaction started and no reboot');
    await csms.wait(config.timeouts.silenceMs);
    const effects = callsSince(csms, before).filter((c) => c.action === 'BootNotification' || (c.action === 'TransactionEvent' && c.payload.eventType === 'Started'));
    ctx.check(effects.length === 0, 'OCPPJ20-4.2.3', 'no TransactionEvent Started and no BootNotification after the refused requests', effects.map((c) => `${c.action} ${JSON.stringify(c.payload).slice(0, 160)}`).join('; '));

    ctx.step('The EV is unplugged again');
    await ctx.manual('unplug', { evseId: config.ids.evseId, connectorId: config.ids.connectorId }, 'Unplug the EV cable from the configured EVSE and connector.');
  },
);
