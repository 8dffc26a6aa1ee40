import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter, startedTransaction, withVariable201, STOP_ON_UNPLUG, unplug201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_14_CS',
    title: 'Stop transaction options - EVDisconnected - Charging Station side',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    requirements: ['E06.FR.04', 'E06.FR.01', 'G01.FR.02'],
    purpose:
      'Unplugging the cable during charging ends the transaction (TxStopPoint PowerPathClosed) with the stop reason EVDisconnected, and the connector becomes Available.',
    fault: 'unplug-wrong-stopped-reason',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    await withVariable201(ctx, STOP_ON_UNPLUG, async () => {
      await ctx.given('EnergyTransferStarted');
      const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;

      ctx.step('The EV cable is unplugged at the station during charging');
      const since = mark(csms);
      await unplug201(ctx, 'Unplug the EV cable at the station side.');

      ctx.step('The station ends the transaction because the EV was disconnected');
      const ended = await csms.expectCall('TransactionEvent', {
        where: (p) => p.eventType === 'Ended',
        whereText: 'eventType Ended',
        requirement: 'E06.FR.01',
      });
      ctx.expectOneOf(ended.payload.transactionInfo.transactionId, [txId], 'E06.FR.01', 'Ended transactionId');
      ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['EVDisconnected'], 'E06.FR.04', 'Ended stoppedReason');
      ctx.expectOneOf(ended.payload.triggerReason, ['EVCommunicationLost', 'EVDeparted'], 'E06.FR.04', 'Ended triggerReason');

      ctx.step('The connector becomes Available');
      await expectAfter(csms, since, 'StatusNotification', {
        where: (p) => p.connectorStatus === 'Available',
        whereText: 'connectorStatus Available',
        requirement: 'G01.FR.02',
      });
    });
  },
);
