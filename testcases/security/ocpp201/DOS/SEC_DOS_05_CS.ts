import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, sendAndObserve } from '../../../../src/kit/index.js';

/** Nesting depth of the customData object (schema-valid: customData allows any extra property). */
const DEPTH = 2000;

export default defineCase(
  {
    id: 'SEC_DOS_05_CS',
    title: 'Large but schema-valid payloads toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-05',
    severity: 'medium',
    cwe: 'CWE-770',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-5.3'],
    purpose:
      `Payloads that satisfy the schema but are expensive (GetVariables with 500 entries, far above ItemsPerMessage; a customData object nested ${DEPTH} levels deep; 1000-character attribute values) are processed or refused within the station's limits, and the station stays available.`,
    hint: 'Enforce ItemsPerMessage/BytesPerMessage before processing, parse and walk JSON iteratively (or with a depth limit), and answer a CALLERROR instead of exhausting the stack or memory.',
    fault: 'deep-customdata-crash',
  },
  async (ctx) => {
    const { config } = ctx;
    await ctx.given('Booted');
    const hb = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    const nested = `${'{"vendorId":"org.ocpp-harness","n":'.repeat(DEPTH)}{"vendorId":"org.ocpp-harness"}${'}'.repeat(DEPTH)}`;
    const payloads: ReadonlyArray<readonly [string, string, (id: string) => string]> = [
      ['GetVariables with 500 entries', 'OCPPJ20-4.1.2', (id) => JSON.stringify([2, id, 'GetVariables', { getVariableData: Array.from({ length: 500 }, () => hb) }])],
      [`GetVariables with customData nested ${DEPTH} levels`, 'OCPPJ20-4.1.2', (id) => `[2,${JSON.stringify(id)},"GetVariables",{"getVariableData":[${JSON.stringify(hb)}],"customData":${nested}}]`],
      ['SetVariables with a 1000-character value', 'OCPPJ20-4.1.2', (id) => JSON.stringify([2, id, 'SetVariables', { setVariableData: [{ ...hb, attributeValue: '9'.repeat(1000) }] }])],
      ['GetVariables with 16 entries of 50-character names', 'OCPPJ20-4.1.2', (id) => JSON.stringify([2, id, 'GetVariables', { getVariableData: Array.from({ length: 16 }, (_, i) => ({ component: { name: `C${i}`.padEnd(50, 'c') }, variable: { name: `V${i}`.padEnd(50, 'v') } })) }])],
    ];
    for (const [what, requirement, build] of payloads) {
      ctx.step(`The harness sends ${what}; the station processes or refuses it`);
      const id = ctx.ids.next();
      const text = build(id);
      const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.messageMs });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      ctx.evidence(text.length > 400 ? `${text.slice(0, 400)}… (${text.length} bytes)` : text);
      if (out.kind === 'silent') ctx.nonStrict(requirement, `${what} got no answer within ${config.timeouts.messageMs} ms`);
      ctx.step(`The station is available after ${what}`);
      await expectReachable(ctx, 'OCPPJ20-5.3', `after ${what}`);
    }
    ctx.step('HeartbeatInterval was not changed by the oversized value');
    const read = await ctx.csms.call('GetVariables', { getVariableData: [hb] }, { requirement: 'OCPPJ20-4.1.2' });
    const value = String(read.getVariableResult?.[0]?.attributeValue ?? '');
    ctx.check(value.length < 1000, 'OCPPJ20-4.1.2', 'HeartbeatInterval keeps a sane value', value.slice(0, 40));
  },
);
