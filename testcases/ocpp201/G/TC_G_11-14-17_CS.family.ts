import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  changeAvailability201,
  expectAfter,
  mark,
  onOurConnector,
  operativeAfterCase,
  startedTransaction,
  type AvailabilityScope,
} from '../../../src/kit/index.js';

/**
 * Change availability to Inoperative while the configured EVSE charges, for the EVSE, the whole
 * station or the connector: the station answers Scheduled, the transaction goes on and the
 * connector is not reported Unavailable; once the transaction has ended (stopped remotely) the
 * change takes effect. Other, idle EVSEs of the station may become Unavailable at once, so only
 * the configured connector is watched.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_G_11_CS',
      title: 'Change Availability EVSE - With ongoing transaction',
      scope: 'evse',
      requirements: ['G03.FR.05', 'G03.FR.06', 'F03.FR.01'],
      purpose:
        'An EVSE told to become Inoperative while it charges answers Scheduled, keeps the session going, and becomes Unavailable only once the transaction has ended.',
    },
    {
      id: 'TC_G_14_CS',
      title: 'Change Availability Charging Station - With ongoing transaction',
      scope: 'station',
      requirements: ['G04.FR.04', 'G04.FR.05', 'F03.FR.01'],
      purpose:
        'A station told as a whole to become Inoperative while one of its EVSEs charges answers Scheduled, keeps that session going, and reports the connector Unavailable only once the transaction has ended.',
    },
    {
      id: 'TC_G_17_CS',
      title: 'Change Availability Connector - With ongoing transaction',
      scope: 'connector',
      requirements: ['G03.FR.05', 'G03.FR.06', 'F03.FR.01'],
      purpose:
        'A connector told to become Inoperative while it charges answers Scheduled, keeps the session going, and becomes Unavailable only once the transaction has ended.',
    },
  ] as { id: string; title: string; scope: AvailabilityScope; requirements: [string, string, string]; purpose: string }[],
  ({ scope, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'G', fault: 'availability-tx-not-scheduled' }, async (ctx) => {
      const { csms, config } = ctx;
      const [scheduled, applied] = row.requirements;
      await ctx.given('EnergyTransferStarted');
      const txId = startedTransaction(ctx).payload.transactionInfo.transactionId;

      ctx.step(`The harness makes the ${scope} Inoperative; the station answers Scheduled`);
      operativeAfterCase(ctx, scope);
      const status = await changeAvailability201(ctx, scope, 'Inoperative', scheduled);
      ctx.expectOneOf(status, ['Scheduled'], scheduled, 'ChangeAvailabilityResponse.status');

      ctx.step('While the transaction runs, the configured connector is not reported Unavailable');
      await csms.expectNoCall('StatusNotification', {
        within: config.timeouts.silenceMs,
        where: (p) => onOurConnector(ctx, p) && p.connectorStatus === 'Unavailable',
        whereText: 'the configured connector Unavailable',
        requirement: scheduled,
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

      ctx.step('After the transaction the scheduled change takes effect: the configured connector is Unavailable');
      await expectAfter(csms, since, 'StatusNotification', {
        where: (p) => onOurConnector(ctx, p) && p.connectorStatus === 'Unavailable',
        whereText: 'the configured connector Unavailable',
        requirement: applied,
      });
    }),
);
