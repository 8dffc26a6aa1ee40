import { defineCase } from '../../../../src/dsl.js';
import { callArrivedOn, describeOutcome, sendAndObserve } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_RPC_09_CSMS',
    title: 'Unsolicited CALLRESULT and CALLERROR frames are ignored by the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-09',
    severity: 'medium',
    cwe: 'CWE-345',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.1.1'],
    purpose:
      'Responses are correlated by message id only: while the CSMS waits for the answer to its own call, a CALLRESULT or CALLERROR with an id it never sent does not count as that answer (the CSMS keeps waiting and does not send its next call yet), and a second answer to an already answered call changes nothing.',
    hint: 'Match every CALLRESULT/CALLERROR to an outstanding request by its exact message id; drop (and log) any other, never take it as the answer to whatever call is pending.',
    fault: 'unsolicited-result-accepted',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const stationId = config.stationId;
    const first = () => ctx.manual('csmsSend', { message: 'TriggerMessage', stationId, requestedMessage: 'Heartbeat' }, `Make the CSMS send TriggerMessage (Heartbeat) to station ${stationId}`);
    const second = () => ctx.manual('csmsSend', { message: 'GetTransactionStatus', stationId }, `Right after it, make the CSMS send GetTransactionStatus (no transactionId) to station ${stationId}`);
    await ctx.given('Booted');
    const conn = station.connection!;

    ctx.step('Baseline: the operator queues two commands; the CSMS sends the second only after the first is answered');
    await first();
    await second();
    const x = await station.expectCall('TriggerMessage', { requirement: 'OCPPJ20-4.1.1' });
    const early = await callArrivedOn(ctx, conn, 'GetTransactionStatus', config.timeouts.silenceMs);
    const serialises = early === undefined;
    if (!serialises) ctx.nonStrict('OCPPJ20-4.1.1', 'the CSMS sent its second call before the first was answered; whether it correlates answers by id cannot be judged from the order of its calls');
    await station.reply(x, { status: 'Accepted' });
    if (early) await conn.send(JSON.stringify([3, (early.frame as { messageId: string }).messageId, { messagesInQueue: false }]));
    else {
      const y = await station.expectCall('GetTransactionStatus', { requirement: 'OCPPJ20-4.1.1' });
      await station.reply(y, { messagesInQueue: false });
    }

    ctx.step('While the CSMS waits for an answer, the station sends a CALLRESULT and a CALLERROR with ids the CSMS never used');
    await first();
    await second();
    const x2 = await station.expectCall('TriggerMessage', { requirement: 'OCPPJ20-4.2.2' });
    const forgedResult = JSON.stringify([3, `forged-${ctx.ids.next().slice(0, 20)}`, { status: 'Accepted' }]);
    const forgedError = JSON.stringify([4, `forged-${ctx.ids.next().slice(0, 20)}`, 'GenericError', 'not an answer to anything', {}]);
    await conn.send(forgedResult);
    await conn.send(forgedError);
    if (serialises) {
      const early2 = await callArrivedOn(ctx, conn, 'GetTransactionStatus', config.timeouts.silenceMs);
      if (early2) ctx.evidence(forgedResult, forgedError);
      ctx.check(
        early2 === undefined,
        'OCPPJ20-4.2.2',
        `the CSMS keeps waiting for the answer to TriggerMessage (${x2.messageId}) and sends nothing else`,
        'it sent GetTransactionStatus at once: an answer with a foreign id was taken as the answer to its TriggerMessage',
      );
    }
    await station.reply(x2, { status: 'Accepted' });
    const y2 = await station.expectCall('GetTransactionStatus', { requirement: 'OCPPJ20-4.2.2' });
    await station.reply(y2, { messagesInQueue: false });

    ctx.step('The station answers the already answered calls a second time; the CSMS ignores it and keeps serving the session');
    const stale = JSON.stringify([3, x2.messageId, { status: 'Rejected' }]);
    const out = await sendAndObserve(ctx, stale, { ids: [x2.messageId], requirement: 'OCPPJ20-4.2.2' });
    ctx.check(!out.closed, 'OCPPJ20-4.2.2', 'the session stays open after a stale CALLRESULT', `closed (code ${out.closed?.code})`);
    const out2 = await sendAndObserve(ctx, JSON.stringify([4, y2.messageId, 'InternalError', 'late error', {}]), { ids: [y2.messageId], requirement: 'OCPPJ20-4.2.2' });
    ctx.check(!out2.closed, 'OCPPJ20-4.2.2', 'the session stays open after a stale CALLERROR', `closed (code ${out2.closed?.code})`);
    ctx.note(`stale answers: ${describeOutcome(out)}, ${describeOutcome(out2)}`);

    ctx.step('The CSMS still sends commands to the station');
    await first();
    const x3 = await station.expectCall('TriggerMessage', { requirement: 'OCPPJ20-4.2.2' });
    await station.reply(x3, { status: 'Accepted' });
  },
);
