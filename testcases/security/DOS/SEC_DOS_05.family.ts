import { check, defineCase, defineCaseFamily, type CaseContext, untypedContext } from '../../../src/dsl.js';
import { describeOutcome, heartbeatIntervalOf, sendAndObserve, servedAgain } from '../../../src/kit/index.js';

/**
 * SEC-DOS-05, requests that satisfy the schema but are expensive, for both roles: many entries,
 * deeply nested customData, long values, and one message above a 512 KiB limit. The kinds are
 * the union of the former cases, written into the messages of the role. Each is answered (the
 * one above the limit may instead be refused by closing with 1009), and afterwards the SUT
 * serves the harness again; a station keeps a sane HeartbeatInterval.
 */

/** The message limit the reference peers document; the payloads below are sized against it. */
const LIMIT = 512 * 1024;
const DEPTH = 2000;

const ROWS = [
  {
    id: 'SEC_DOS_05_CS',
    sut: 'cs',
    title: 'Large but schema-valid payloads toward the station',
    purpose: `Payloads that satisfy the schema but are expensive (GetVariables with 500 entries, far above ItemsPerMessage; a customData object nested ${DEPTH} levels deep; 1000-character attribute values; 16 entries of 50-character names; one GetVariables above 512 KiB, which may be refused by closing with 1009) are processed or refused within the station's limits, and the station stays available.`,
    hint: 'Enforce ItemsPerMessage/BytesPerMessage before processing, parse and walk JSON iteratively (or with a depth limit), and answer a CALLERROR instead of exhausting the stack or memory.',
    fault: 'deep-customdata-crash',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-5.3'],
    roles: { answered: 'OCPPJ20-4.1.2', served: 'OCPPJ20-5.3' },
  },
  {
    id: 'SEC_DOS_05_CSMS',
    sut: 'csms',
    title: 'Large but schema-valid payloads toward the CSMS',
    purpose: `Requests that satisfy the schema but are expensive to process (a MeterValues with 5000 sampled values, a NotifyReport with 2000 reportData entries, a NotifyReport whose customData is nested ${DEPTH} levels deep, a NotifyReport with 1000-character values, all below a 512 KiB message limit) are answered with a CALLRESULT or a CALLERROR; a MeterValues of 12000 sampled values above that limit is answered or refused by closing that one connection with 1009. After each the CSMS still answers the station's Heartbeat.`,
    hint: 'Process item lists in bounded time and memory (or refuse them above a documented ItemsPerMessage/BytesPerMessage limit with a CALLERROR), walk or store JSON without recursion limits that can be exhausted, and close with 1009 above the message limit; never let one well-formed message take the service down.',
    fault: 'large-metervalues-crash',
    requirements: ['SEC-DOS-05'],
    roles: { answered: 'SEC-DOS-05', served: 'SEC-DOS-05' },
  },
] as const;

/** [what, the frame for a message id, whether it is meant to be above the limit]. */
type Expensive = readonly [string, (id: string) => string, boolean];

const nested = `${'{"vendorId":"org.ocpp-harness.sec","n":'.repeat(DEPTH)}{"vendorId":"org.ocpp-harness.sec"}${'}'.repeat(DEPTH)}`;
/** A frame whose payload gets the deep customData spliced in as its last property. */
const withCustomData = (frame: string) => `${frame.slice(0, -2)},"customData":${nested}}]`;

function towardStation(): Expensive[] {
  const hb = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
  const get = (entries: unknown[]) => (id: string) => JSON.stringify([2, id, 'GetVariables', { getVariableData: entries }]);
  return [
    ['GetVariables with 500 entries', get(Array.from({ length: 500 }, () => hb)), false],
    [`GetVariables with customData nested ${DEPTH} levels`, (id) => withCustomData(get([hb])(id)), false],
    [
      'SetVariables with a 1000-character value',
      (id) => JSON.stringify([2, id, 'SetVariables', { setVariableData: [{ ...hb, attributeValue: '9'.repeat(1000) }] }]),
      false,
    ],
    [
      'GetVariables with 16 entries of 50-character names',
      get(
        Array.from({ length: 16 }, (_, i) => ({
          component: { name: `C${i}`.padEnd(50, 'c') },
          variable: { name: `V${i}`.padEnd(50, 'v') },
        })),
      ),
      false,
    ],
    ['GetVariables with 8000 entries, over 512 KiB', get(Array.from({ length: 8000 }, () => hb)), true],
  ];
}

function towardCsms(ctx: CaseContext): Expensive[] {
  const sample = (i: number) => ({ value: 1000 + i, measurand: 'Energy.Active.Import.Register' });
  const meterValues = (values: number, perValue: number) => (id: string) =>
    JSON.stringify([
      2,
      id,
      'MeterValues',
      {
        evseId: 1,
        meterValue: Array.from({ length: values }, (_, v) => ({
          timestamp: ctx.nowIso(),
          sampledValue: Array.from({ length: perValue }, (_, i) => sample(v * perValue + i)),
        })),
      },
    ]);
  const entry = (i: number, value = String(i).padStart(4, '0')) => ({
    component: { name: `HarnessComponent${String(i).padStart(4, '0')}` },
    variable: { name: `HarnessVariable${String(i).padStart(4, '0')}` },
    variableAttribute: [{ type: 'Actual', value, mutability: 'ReadOnly' }],
    variableCharacteristics: { dataType: 'string', supportsMonitoring: false },
  });
  const report = (entries: unknown[]) => (id: string) =>
    JSON.stringify([2, id, 'NotifyReport', { requestId: 0, generatedAt: ctx.nowIso(), seqNo: 0, tbc: false, reportData: entries }]);
  return [
    ['a MeterValues with 5000 sampled values', meterValues(10, 500), false],
    ['a NotifyReport with 2000 reportData entries', report(Array.from({ length: 2000 }, (_, i) => entry(i))), false],
    [`a NotifyReport with customData nested ${DEPTH} levels`, (id) => withCustomData(report([entry(0)])(id)), false],
    ['a NotifyReport with 1000-character values', report(Array.from({ length: 16 }, (_, i) => entry(i, '9'.repeat(1000)))), false],
    ['a MeterValues with 12000 sampled values, over 512 KiB', meterValues(1, 12_000), true],
  ];
}

export default defineCaseFamily(ROWS, ({ roles, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      ocpp: '2.0.1',
      block: 'DOS',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-DOS-05',
      severity: 'medium',
      cwe: 'CWE-770',
    },
    async (ctx) => {
      await ctx.given('Booted');
      for (const [what, build, overLimit] of row.sut === 'cs' ? towardStation() : towardCsms(untypedContext(ctx))) {
        const id = ctx.ids.next();
        const text = build(id);
        const bytes = Buffer.byteLength(text);
        if (overLimit !== bytes > LIMIT)
          throw new Error(`harness: ${what} is ${bytes} bytes, meant to be ${overLimit ? 'above' : 'below'} ${LIMIT}`);
        const culprit = `${text.slice(0, 200)}… (${bytes} bytes)`;
        ctx.step(`The harness sends ${what} (${bytes} bytes); the SUT answers it${overLimit ? ' or closes the connection with 1009' : ''}`);
        const out = await sendAndObserve(ctx, text, { ids: [id], within: ctx.waits.message });
        ctx.note(`${what}: ${describeOutcome(out)}`);
        if (out.kind === 'silent' || (out.kind === 'closed' && !overLimit)) ctx.evidence(culprit);
        check(
          out.kind !== 'silent',
          roles.answered,
          `an answer to ${what}${overLimit ? ', or a close with 1009' : ''}`,
          `no answer within ${ctx.waits.message} ms and the connection stayed open`,
        );
        if (out.kind === 'closed') {
          if (!overLimit)
            check(
              out.code === 1009,
              roles.answered,
              `a CALLRESULT or CALLERROR for ${what}, below the 512 KiB message limit`,
              `the connection closed with code ${out.code} before an answer`,
            );
          if (out.code !== 1009)
            ctx.nonStrict(roles.answered, `${what} closed the connection with ${out.code}; 1009 (message too big) tells the peer why`);
          else if (!overLimit)
            ctx.nonStrict(
              roles.answered,
              `${what} (${bytes} bytes) closed the connection with 1009: the message limit is below that size; document it so peers can split their messages`,
            );
        }
        ctx.step(`After ${what} the SUT serves the harness again`);
        await servedAgain(ctx, roles.served, { what: `after ${what}`, culprit });
      }
      if (row.sut === 'cs') {
        ctx.step('HeartbeatInterval was not changed by the oversized value');
        const value = (await heartbeatIntervalOf(ctx, roles.answered)) ?? '';
        check(value.length < 1000, roles.answered, 'HeartbeatInterval keeps a sane value', value.slice(0, 40));
      }
    },
  ),
);
