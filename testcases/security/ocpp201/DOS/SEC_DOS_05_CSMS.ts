import { defineCase, CaseFailure, type CallOutcome, type OcppConnection } from '../../../../src/dsl.js';
import { waitUntil } from '../../../../src/kit/index.js';

/** The message limit the reference CSMS documents; the payloads below are sized against it. */
const LIMIT = 512 * 1024;
/** Bounds: 10 x 500 sampled values (about 300 KB), 2000 reportData entries (about 490 KB), customData 2000 levels deep (about 80 KB), 12 000 sampled values (about 710 KB, over the limit). */
const METER_VALUES = 10;
const SAMPLES_PER_VALUE = 500;
const REPORT_ENTRIES = 2000;
const DEPTH = 2000;
const OVER_LIMIT_SAMPLES = 12_000;

export default defineCase(
  {
    id: 'SEC_DOS_05_CSMS',
    title: 'Large but schema-valid payloads toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-05',
    severity: 'medium',
    cwe: 'CWE-770',
    requirements: ['SEC-DOS-05'],
    purpose:
      `Requests that satisfy the schema but are expensive to process (a MeterValues with ${METER_VALUES * SAMPLES_PER_VALUE} sampled values, a NotifyReport with ${REPORT_ENTRIES} reportData entries, a NotifyReport whose customData is nested ${DEPTH} levels deep, all below a 512 KiB message limit) are answered with a CALLRESULT or a CALLERROR; a MeterValues of ${OVER_LIMIT_SAMPLES} sampled values above that limit is answered or refused by closing that one connection with 1009. After each the CSMS still answers the station's Heartbeat.`,
    hint: 'Process item lists in bounded time and memory (or refuse them above a documented ItemsPerMessage/BytesPerMessage limit with a CALLERROR), walk or store JSON without recursion limits that can be exhausted, and close with 1009 above the message limit; never let one well-formed message take the service down.',
    fault: 'large-metervalues-crash',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const sample = (i: number) => ({ value: 1000 + i, measurand: 'Energy.Active.Import.Register' });
    const meterValues = (id: string, values: number, perValue: number) =>
      JSON.stringify([
        2,
        id,
        'MeterValues',
        { evseId: 1, meterValue: Array.from({ length: values }, (_, v) => ({ timestamp: ctx.nowIso(), sampledValue: Array.from({ length: perValue }, (_, i) => sample(v * perValue + i)) })) },
      ]);
    const entry = (i: number) => {
      const n = String(i).padStart(4, '0');
      return {
        component: { name: `HarnessComponent${n}` },
        variable: { name: `HarnessVariable${n}` },
        variableAttribute: [{ type: 'Actual', value: n, mutability: 'ReadOnly' }],
        variableCharacteristics: { dataType: 'integer', supportsMonitoring: false },
      };
    };
    const report = (entries: number) => ({ requestId: 0, generatedAt: ctx.nowIso(), seqNo: 0, tbc: false, reportData: Array.from({ length: entries }, (_, i) => entry(i)) });
    const nested = `${'{"vendorId":"org.ocpp-harness.sec","n":'.repeat(DEPTH)}{"vendorId":"org.ocpp-harness.sec"}${'}'.repeat(DEPTH)}`;
    const payloads: ReadonlyArray<readonly [string, (id: string) => string, boolean]> = [
      [`a MeterValues with ${METER_VALUES * SAMPLES_PER_VALUE} sampled values`, (id) => meterValues(id, METER_VALUES, SAMPLES_PER_VALUE), false],
      [`a NotifyReport with ${REPORT_ENTRIES} reportData entries`, (id) => JSON.stringify([2, id, 'NotifyReport', report(REPORT_ENTRIES)]), false],
      [`a NotifyReport with customData nested ${DEPTH} levels`, (id) => `${JSON.stringify([2, id, 'NotifyReport', report(1)]).slice(0, -2)},"customData":${nested}}]`, false],
      [`a MeterValues with ${OVER_LIMIT_SAMPLES} sampled values, over 512 KiB`, (id) => meterValues(id, 1, OVER_LIMIT_SAMPLES), true],
    ];

    for (const [what, build, overLimit] of payloads) {
      const id = ctx.ids.next();
      const text = build(id);
      const bytes = Buffer.byteLength(text);
      if (overLimit !== bytes > LIMIT) throw new Error(`harness: ${what} is ${bytes} bytes, meant to be ${overLimit ? 'above' : 'below'} ${LIMIT}`);
      const culprit = `${text.slice(0, 200)}… (${bytes} bytes)`;

      ctx.step(`The station sends ${what} (${bytes} bytes); the CSMS answers it${overLimit ? ' or closes the connection with 1009' : ''}`);
      const conn: OcppConnection = station.connection ?? (await station.connect({ requirement: 'SEC-DOS-05' }));
      await conn.send(text);
      const res: CallOutcome | undefined = await station.awaitResponse(id, what, conn, { requirement: 'SEC-DOS-05' }).catch((err: unknown) => {
        if (err instanceof CaseFailure) return undefined;
        throw err;
      });
      if (res) ctx.note(`${what}: ${res.kind === 'result' ? 'CALLRESULT' : `CALLERROR ${res.errorCode} "${res.errorDescription}"`}`);
      else {
        await waitUntil(ctx, () => conn.closed !== undefined, config.timeouts.messageMs);
        const code = conn.closed?.code;
        ctx.note(`${what}: ${code === undefined ? 'no answer' : `connection closed with code ${code}`}`);
        if (code !== 1009) ctx.evidence(culprit);
        ctx.check(code !== undefined, 'SEC-DOS-05', `an answer to ${what}${overLimit ? ', or a close with 1009' : ''}`, 'no answer and the connection stayed open');
        if (overLimit) {
          if (code !== 1009) ctx.nonStrict('SEC-DOS-05', `${what} closed the connection with ${code}; 1009 (message too big) tells the station why`);
        } else {
          ctx.check(code === 1009, 'SEC-DOS-05', `a CALLRESULT or CALLERROR for ${what}, below the 512 KiB message limit`, `the connection closed with code ${code} before an answer`);
          ctx.nonStrict('SEC-DOS-05', `${what} (${bytes} bytes) closed the connection with 1009: the CSMS's message limit is below that size; document it so stations can split their reports and meter values`);
        }
      }

      ctx.step(`After ${what} the CSMS accepts the station and answers its Heartbeat`);
      if (!station.connection) {
        const dial = await station.tryConnect();
        if (!dial.ok) ctx.evidence(culprit);
        ctx.check(dial.ok, 'SEC-DOS-05', `the station can reconnect after ${what}`, dial.ok ? '' : dial.error);
      }
      const hb = await station.callMayError('Heartbeat', {}, { requirement: 'SEC-DOS-05' }).catch((err: unknown) => {
        ctx.evidence(culprit);
        throw err;
      });
      ctx.check(hb.kind === 'result', 'SEC-DOS-05', `a HeartbeatResponse after ${what}`, hb.kind === 'error' ? `CALLERROR ${hb.errorCode}` : '');
    }
  },
);
