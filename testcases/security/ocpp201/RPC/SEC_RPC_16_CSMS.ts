import { defineCase, CaseInconclusive } from '../../../../src/dsl.js';
import type { Payload } from '../../../../src/dsl.js';
import { bootPayload, callOn, freshIdentity } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_RPC_16_CSMS',
    title: 'Boot gating: calls before BootNotification and after a Rejected boot',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-16',
    severity: 'high',
    cwe: 'CWE-862',
    requirements: ['B03.FR.07', 'B01.FR.01'],
    purpose:
      'A station whose BootNotification the CSMS rejected gets CALLERROR SecurityError for everything else it sends (Authorize, TransactionEvent, StatusNotification, MeterValues, Heartbeat, DataTransfer), so no transaction or authorization is granted to it; calls sent before any BootNotification should be refused or ignored as well.',
    hint: 'Keep a per-station registration state; until a BootNotification was Accepted, answer every other CALL with SecurityError (only BootNotification, and messages the CSMS triggered, may pass).',
    fault: 'accepts-calls-after-rejected-boot',
  },
  async (ctx) => {
    const { config } = ctx;
    const { validIdToken, evseId, connectorId } = config.ids;
    const idToken = { idToken: validIdToken.idToken, type: validIdToken.type };
    const identity = freshIdentity(ctx, 'SECR');
    const txStart = (transactionId: string): Payload => ({
      eventType: 'Started',
      timestamp: ctx.nowIso(),
      triggerReason: 'Authorized',
      seqNo: 0,
      transactionInfo: { transactionId, chargingState: 'EVConnected' },
      evse: { id: evseId, connectorId },
      idToken,
    });

    ctx.step(`The operator registers station ${identity} so that the CSMS rejects its BootNotification`);
    await ctx.manual(
      'csmsRegisterStation',
      { stationId: identity, bootStatus: 'Rejected' },
      `Register charging station "${identity}" in the CSMS (same credentials as "${config.stationId}") so that its BootNotification is answered Rejected, e.g. add it and block it`,
    );
    const dial = await ctx.station.tryConnect({ identity });
    if (!dial.ok) {
      ctx.note(`the CSMS refuses the rejected station at the handshake (${dial.error}): it cannot send calls at all`);
      return;
    }
    const conn = dial.conn;

    ctx.step('Before any BootNotification the station sends Authorize and a TransactionEvent: refused or ignored');
    for (const [action, payload] of [
      ['Authorize', { idToken }],
      ['TransactionEvent', txStart(`sec16-pre-${ctx.ids.next().slice(0, 8)}`)],
    ] as const) {
      const res = await callOn(ctx, conn, action, payload, { within: config.timeouts.silenceMs }).catch(() => undefined);
      ctx.note(`${action} before BootNotification: ${res ? (res.kind === 'result' ? `CALLRESULT ${JSON.stringify(res.payload)}` : `CALLERROR ${res.errorCode}`) : 'no answer'}`);
      if (res?.kind === 'result') ctx.nonStrict('B03.FR.07', `${action} before any BootNotification was answered with a CALLRESULT; a CSMS should refuse calls of a station it has not accepted`);
    }

    ctx.step('The station sends BootNotification; the CSMS answers Rejected');
    const boot = await callOn(ctx, conn, 'BootNotification', bootPayload(), { requirement: 'B01.FR.01' });
    ctx.check(boot.kind === 'result', 'B01.FR.01', 'a BootNotificationResponse', boot.kind === 'error' ? `CALLERROR ${boot.errorCode}` : '');
    const status = (boot as { payload: Payload }).payload.status;
    if (status !== 'Rejected' && status !== 'Pending') throw new CaseInconclusive(`the CSMS answered the BootNotification of ${identity} with ${status}; the operator step did not make it reject the station`);

    const probes: ReadonlyArray<readonly [string, Payload]> = [
      ['Authorize', { idToken }],
      ['TransactionEvent', txStart(`sec16-${ctx.ids.next().slice(0, 8)}`)],
      ['StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: 'Available', evseId, connectorId }],
      ['MeterValues', { evseId, meterValue: [{ timestamp: ctx.nowIso(), sampledValue: [{ value: 10 }] }] }],
      ['Heartbeat', {}],
      ['DataTransfer', { vendorId: 'org.ocpp-harness.sec' }],
    ];
    for (const [action, payload] of probes) {
      ctx.step(`After the ${status} boot the station sends ${action}: CALLERROR SecurityError`);
      const res = await callOn(ctx, conn, action, payload, { requirement: 'B03.FR.07' });
      if (res.kind === 'result') ctx.evidence(JSON.stringify([2, res.messageId, action, payload]));
      ctx.check(res.kind === 'error', 'B03.FR.07', `CALLERROR SecurityError for ${action} after a ${status} boot`, res.kind === 'result' ? `CALLRESULT ${JSON.stringify(res.payload)}` : '');
      ctx.expectOneOf((res as { errorCode: string }).errorCode, ['SecurityError'], 'B03.FR.07', `CALLERROR code for ${action} after a ${status} boot`);
    }
    conn.close(1000, 'case finished');
  },
);
