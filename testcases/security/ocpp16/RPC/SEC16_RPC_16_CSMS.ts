import { defineCase, CaseFailure, type Payload, serializeCall } from '../../../../src/dsl.js';

export default defineCase(
  {
    id: 'SEC16_RPC_16_CSMS',
    title: 'Requests from a charge point that is not accepted (no boot yet, or boot Rejected) are not processed',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-16',
    severity: 'high',
    cwe: 'CWE-862',
    requirements: ['OCPP16-4.2', 'OCPP16-4.1', 'OCPP16-4.8'],
    purpose:
      'A charge point identity the central system has never accepted connects (the configured identity plus a suffix, with the configured credentials). Before any BootNotification, and again after its BootNotification was answered Rejected (or Pending), it sends Authorize and StartTransaction for the valid idTag. None may be processed: the expected answer is CALLERROR SecurityError (other refusals are SHOULD-level notes); an Accepted idTag would let an unregistered device authorize and start charging. A central system that refuses the identity at the handshake passes.',
    hint: 'Gate every request on the charge point\'s boot state: until a BootNotification of that identity was Accepted, answer anything but BootNotification with CALLERROR SecurityError and do not look up tokens or open transactions for it.',
    fault: 'cs-no-boot-gating',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const identity = `${config.stationId.slice(0, 42)}-UNREG`;
    const idTag = config.ids.validIdToken.idToken;

    const probe = async (phase: string, strict: boolean) => {
      const requests: [string, Payload][] = [
        ['Authorize', { idTag }],
        ['StartTransaction', { connectorId: config.ids.connectorId, idTag, meterStart: 0, timestamp: ctx.nowIso() }],
      ];
      for (const [action, payload] of requests) {
        const messageId = ctx.ids.next();
        const res = await station.callMayError(action, payload, { messageId, schema: false, requirement: 'OCPP16-4.2' });
        if (res.kind === 'error') {
          if (res.errorCode !== 'SecurityError') ctx.nonStrict('OCPP16-4.2', `${phase}: ${action} refused with ${res.errorCode} (SecurityError expected)`);
          continue;
        }
        const status = (res.payload.idTagInfo as Payload | undefined)?.status;
        if (status === 'Accepted') {
          ctx.evidence(serializeCall(messageId, action, payload));
          const failure = new CaseFailure('OCPP16-4.2', [`${phase}: ${action} not processed (CALLERROR SecurityError)`], `CALLRESULT with idTagInfo Accepted${res.payload.transactionId !== undefined ? ` and transactionId ${res.payload.transactionId}` : ''}`);
          if (strict) throw failure;
          ctx.nonStrict('OCPP16-4.2', failure.message);
          continue;
        }
        ctx.nonStrict('OCPP16-4.2', `${phase}: ${action} answered with a CALLRESULT (idTagInfo ${status}) instead of CALLERROR SecurityError`);
      }
    };

    ctx.step(`A charge point identity the central system never accepted (${identity}) connects`);
    const dial = await station.tryConnect({ identity });
    if (!dial.ok) {
      ctx.note(`the central system refused the unregistered identity at the handshake (${dial.error}); requests from it cannot reach it`);
      return;
    }

    ctx.step('Before any BootNotification it sends Authorize and StartTransaction: neither is processed');
    await probe('before BootNotification', true);

    ctx.step('It sends BootNotification');
    const boot = await station.call('BootNotification', { chargePointVendor: 'ocpp-harness', chargePointModel: 'Unregistered' }, { requirement: 'OCPP16-4.2' });
    if (boot.status === 'Accepted') {
      ctx.note('the central system accepted the unregistered identity (auto-registration); the post-rejection part does not apply');
    } else {
      ctx.step(`After the ${boot.status} boot it sends Authorize and StartTransaction again: neither is processed`);
      await probe(`after a ${boot.status} boot`, boot.status === 'Rejected');
    }
    dial.conn.close(1000, 'case finished');
  },
);
