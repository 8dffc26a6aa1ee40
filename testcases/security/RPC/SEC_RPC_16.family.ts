import {
  CaseInconclusive,
  check,
  defineCase,
  defineCaseFamily,
  serializeCall,
  type CaseContext,
  type Payload,
  untypedContext,
  contextOf,
} from '../../../src/dsl.js';
import { bootNotification16, bootPayload, callOn, freshIdentity, judgeRefusal } from '../../../src/kit/index.js';

/**
 * SEC-RPC-16, boot gating at the CSMS, for both versions: calls from a station the CSMS has not
 * accepted, before any BootNotification and after a Rejected (or Pending) one. The requests are
 * the union of the former cases, in each version's messages. How a station the CSMS rejects
 * comes about is per version: a 1.6 central system sees an identity it never registered (the
 * 1.6 reference operator cannot register one to reject), a 2.0.1 CSMS gets one registered so.
 */

const ROWS = [
  {
    id: 'SEC16_RPC_16_CSMS',
    ocpp: '1.6',
    title: 'Requests from a charge point that is not accepted (no boot yet, or boot Rejected) are not processed',
    purpose:
      'A charge point identity the central system has never accepted connects (the configured identity plus a suffix, with the configured credentials). Before any BootNotification it sends Authorize and StartTransaction, and after its BootNotification was answered Rejected (or Pending) also StatusNotification, MeterValues, Heartbeat and DataTransfer. None may be processed: the expected answer is CALLERROR SecurityError (other refusals are SHOULD-level notes); an Accepted idTag would let an unregistered device authorize and start charging. A central system that refuses the identity at the handshake passes.',
    hint: "Gate every request on the charge point's boot state: until a BootNotification of that identity was Accepted, answer anything but BootNotification with CALLERROR SecurityError and do not look up tokens or open transactions for it.",
    fault: 'cs-no-boot-gating',
    requirements: ['OCPP16-4.2', 'OCPP16-4.1', 'OCPP16-4.8'],
  },
  {
    id: 'SEC_RPC_16_CSMS',
    ocpp: '2.0.1',
    title: 'Boot gating: calls before BootNotification and after a Rejected boot',
    purpose:
      'A station whose BootNotification the CSMS rejected gets CALLERROR SecurityError for everything else it sends (Authorize, TransactionEvent, StatusNotification, MeterValues, Heartbeat, DataTransfer), so no transaction or authorization is granted to it; calls sent before any BootNotification should be refused or ignored as well, and never grant a token.',
    hint: 'Keep a per-station registration state; until a BootNotification was Accepted, answer every other CALL with SecurityError (only BootNotification, and messages the CSMS triggered, may pass).',
    fault: 'accepts-calls-after-rejected-boot',
    requirements: ['B03.FR.07', 'B01.FR.01'],
  },
] as const;

/** The requests of each version a station that is not accepted sends; the first two before any boot. */
function requests(ctx: CaseContext): ReadonlyArray<readonly [string, Payload]> {
  const { validIdToken, evseId, connectorId } = ctx.config.ids;
  const now = ctx.nowIso();
  if (ctx.ocpp === '1.6') {
    const idTag = validIdToken.idToken;
    return [
      ['Authorize', { idTag }],
      ['StartTransaction', { connectorId, idTag, meterStart: 0, timestamp: now }],
      ['StatusNotification', { connectorId, errorCode: 'NoError', status: 'Available', timestamp: now }],
      ['MeterValues', { connectorId, meterValue: [{ timestamp: now, sampledValue: [{ value: '10' }] }] }],
      ['Heartbeat', {}],
      ['DataTransfer', { vendorId: 'org.ocpp-harness.sec' }],
    ];
  }
  const idToken = { idToken: validIdToken.idToken, type: validIdToken.type };
  return [
    ['Authorize', { idToken }],
    [
      'TransactionEvent',
      {
        eventType: 'Started',
        timestamp: now,
        triggerReason: 'Authorized',
        seqNo: 0,
        transactionInfo: { transactionId: `sec16-${ctx.ids.next().slice(0, 8)}`, chargingState: 'EVConnected' },
        evse: { id: evseId, connectorId },
        idToken,
      },
    ],
    ['StatusNotification', { timestamp: now, connectorStatus: 'Available', evseId, connectorId }],
    ['MeterValues', { evseId, meterValue: [{ timestamp: now, sampledValue: [{ value: 10 }] }] }],
    ['Heartbeat', {}],
    ['DataTransfer', { vendorId: 'org.ocpp-harness.sec' }],
  ];
}

/** A station identity the CSMS will not accept, per version. */
async function unacceptedIdentity(ctx: CaseContext): Promise<string> {
  const { config } = ctx;
  if (ctx.ocpp === '1.6') return `${config.stationId.slice(0, 42)}-UNREG`;
  const identity = freshIdentity(contextOf(ctx, '2.0.1', 'csms'), 'SECR');
  ctx.step(`The operator registers station ${identity} so that the CSMS rejects its BootNotification`);
  await ctx.manual(
    'csmsRegisterStation',
    { stationId: identity, bootStatus: 'Rejected' },
    `Register charging station "${identity}" in the CSMS (same credentials as "${config.stationId}") so that its BootNotification is answered Rejected, e.g. add it and block it`,
  );
  return identity;
}

/** Whether a CALLRESULT grants something: an accepted token, or a transaction. */
const grants = (p: Payload) => (p.idTagInfo ?? p.idTokenInfo)?.status === 'Accepted' || p.transactionId !== undefined;

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      sut: 'csms',
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-16',
      severity: 'high',
      cwe: 'CWE-862',
    },
    async (ctx) => {
      const [gate] = row.requirements;
      const boot = row.ocpp === '1.6' ? gate : row.requirements[1];
      const identity = await unacceptedIdentity(untypedContext(ctx));
      const all = requests(untypedContext(ctx));

      ctx.step(`Station ${identity}, which the CSMS has not accepted, connects`);
      const dial = await ctx.station.tryConnect({ identity });
      if (!dial.ok) {
        // A refusal counts only while the configured station is still let in (a CSMS that refuses everyone proves nothing).
        await judgeRefusal(untypedContext(ctx), dial);
        ctx.note(`the CSMS refuses ${identity} at the handshake (${dial.error}): it cannot send calls at all`);
        return;
      }
      const conn = dial.conn;
      /** Sends one request; a grant always fails, anything but CALLERROR SecurityError is judged by `strict`. */
      const probe = async (phase: string, [action, payload]: readonly [string, Payload], strict: boolean) => {
        const messageId = ctx.ids.next();
        const res = await callOn(ctx, conn, action, payload, { messageId, requirement: gate });
        const evidence = () => ctx.evidence(serializeCall(messageId, action, payload));
        const shown = res.kind === 'result' ? `CALLRESULT ${JSON.stringify(res.payload).slice(0, 200)}` : `CALLERROR ${res.errorCode}`;
        ctx.note(`${action} ${phase}: ${shown}`);
        if (res.kind === 'result' && grants(res.payload)) evidence();
        check(
          res.kind === 'error' || !grants(res.payload),
          gate,
          `${action} ${phase} is not processed (CALLERROR SecurityError)`,
          `${shown}: it was granted`,
        );
        const refused = res.kind === 'error' && res.errorCode === 'SecurityError';
        if (refused) return;
        if (strict) evidence();
        if (strict) check(false, gate, `CALLERROR SecurityError for ${action} ${phase}`, shown);
        ctx.nonStrict(gate, `${action} ${phase} answered with ${shown} instead of CALLERROR SecurityError`);
      };

      ctx.step('Before any BootNotification the station sends Authorize and a transaction start: neither is granted');
      for (const r of all.slice(0, 2)) await probe('before BootNotification', r, false);

      ctx.step('The station sends BootNotification');
      const answer = await callOn(
        ctx,
        conn,
        'BootNotification',
        row.ocpp === '1.6' ? { ...bootNotification16(), chargePointModel: 'Unregistered' } : bootPayload(),
        { requirement: boot },
      );
      check(answer.kind === 'result', boot, 'a BootNotification answer', answer.kind === 'error' ? `CALLERROR ${answer.errorCode}` : '');
      const status = String(answer.payload.status);
      if (status === 'Accepted') {
        if (row.ocpp === '2.0.1')
          throw new CaseInconclusive(
            `the CSMS answered the BootNotification of ${identity} with Accepted; the operator step did not make it reject the station`,
          );
        ctx.note('the central system accepted the unregistered identity (auto-registration); the post-rejection part does not apply');
      } else {
        for (const r of all) {
          ctx.step(`After the ${status} boot the station sends ${r[0]}: CALLERROR SecurityError`);
          // A Rejected station must get SecurityError for everything; while Pending, 1.6 lets the CSMS decide.
          await probe(`after a ${status} boot`, r, status === 'Rejected' || row.ocpp === '2.0.1');
        }
      }
      conn.close(1000, 'case finished');
    },
  ),
);
