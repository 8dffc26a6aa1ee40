import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter, startedTransaction } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_11_CS',
    title: 'Change Availability EVSE - With ongoing transaction',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'G',
    requirements: ['G03.FR.05', 'G03.FR.06', 'F03.FR.01'],
    purpose:
      'An EVSE told to become Inoperative while it charges answers Scheduled, keeps the session going, and becomes Unavailable only once the transaction has ended.',
    fault: 'availability-tx-not-scheduled',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId } = config.ids;
    await ctx.given('EnergyTransferStarted');
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;

    ctx.step('The harness makes the charging EVSE Inoperative; the station answers Scheduled');
    const res = await csms.call(
      'ChangeAvailability',
      { operationalStatus: 'Inoperative', evse: { id: evseId } },
      { requirement: 'G03.FR.05' },
    );
    ctx.expectOneOf(res.status, ['Scheduled'], 'G03.FR.05', 'ChangeAvailabilityResponse.status');

    ctx.step('While the transaction runs, the connector is not reported Unavailable');
    await csms.expectNoCall('StatusNotification', {
      within: config.timeouts.silenceMs,
      where: (p) => p.connectorStatus === 'Unavailable',
      whereText: 'connectorStatus Unavailable',
      requirement: 'G03.FR.05',
    });

    ctx.step('The harness stops the transaction remotely; the station ends it');
    const since = mark(csms);
    const stop = await csms.call('RequestStopTransaction', { transactionId: txId }, { requirement: 'F03.FR.01' });
    ctx.expectOneOf(stop.status, ['Accepted'], 'F03.FR.01', 'RequestStopTransactionResponse.status');
    await expectAfter(csms, since, 'TransactionEvent', {
      where: (p) => p.eventType === 'Ended',
      whereText: 'eventType Ended',
      requirement: 'F03.FR.01',
    });

    ctx.step('After the transaction the scheduled change takes effect: the connector is Unavailable');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => p.evseId === evseId && p.connectorStatus === 'Unavailable',
      whereText: 'connectorStatus Unavailable',
      requirement: 'G03.FR.06',
    });

    ctx.step('The harness makes the EVSE Operative again');
    await csms.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: evseId } }, { requirement: 'G03.FR.05' });
  },
);
