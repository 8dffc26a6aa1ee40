import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { startedTransaction } from '../../../src/kit/index.js';

/**
 * Reset of one EVSE (PICS C-13): the EVSE goes Unavailable for its reset and comes back, while the
 * station stays connected and registered. Idle, the reset is Accepted at once; with a
 * transaction on the EVSE, OnIdle is Scheduled until the transaction has ended and Immediate
 * ends the transaction first (stoppedReason ImmediateReset). A station without per-EVSE reset
 * does not declare C-13 and the cases are not-applicable (TC_B_28/29 are its cases).
 */
type Ctx = TypedCaseContext<'2.0.1', 'cs'>;

/** The EVSE resets: its connector is reported Unavailable, then back in service; the station does not register again. */
async function evseCycles(ctx: Ctx, requirement: string): Promise<void> {
  const { csms, config } = ctx;
  const { evseId, connectorId } = config.ids;
  const ours = (p: { evseId: number; connectorId: number }) => p.evseId === evseId && p.connectorId === connectorId;
  ctx.step(`EVSE ${evseId} resets: its connector is reported Unavailable`);
  const down = await csms.expectCall('StatusNotification', {
    within: ctx.waits.reconnect,
    where: (p) => ours(p) && p.connectorStatus === 'Unavailable',
    whereText: `evse ${evseId} connector ${connectorId} Unavailable`,
    requirement,
  });
  ctx.step('After its reset the connector is reported in service again (Available, or Occupied with a cable in)');
  await csms.expectCall('StatusNotification', {
    within: ctx.waits.reconnect,
    after: down,
    where: (p) => ours(p) && p.connectorStatus !== 'Unavailable',
    whereText: `evse ${evseId} connector ${connectorId} not Unavailable`,
    requirement,
  });
  ctx.step('Only the EVSE was reset: the station does not register again');
  await csms.expectNoCall('BootNotification', { within: config.timeouts.silenceMs, requirement: 'B11.FR.09' });
}

export default defineCaseFamily(
  [
    {
      id: 'TC_B_25_CS',
      title: 'Reset EVSE - Without ongoing transaction',
      withTx: false,
      type: 'OnIdle',
      requirements: ['B11.FR.08', 'B11.FR.09'],
      purpose:
        'An idle EVSE told to reset accepts, is reported Unavailable during its reset and in service afterwards, and the station does not restart as a whole.',
      fault: 'evse-reset-reboots-station',
    },
    {
      id: 'TC_B_26_CS',
      title: 'Reset EVSE - With Ongoing Transaction - OnIdle',
      withTx: true,
      type: 'OnIdle',
      requirements: ['B12.FR.07', 'B11.FR.09', 'F03.FR.01'],
      purpose:
        'Told to reset OnIdle while charging, the EVSE answers Scheduled, lets the transaction run, and resets only once the transaction has ended.',
      fault: 'evse-reset-onidle-immediate',
    },
    {
      id: 'TC_B_27_CS',
      title: 'Reset EVSE - With Ongoing Transaction - Immediate',
      withTx: true,
      type: 'Immediate',
      requirements: ['B12.FR.08', 'B11.FR.09'],
      purpose:
        'Told to reset Immediately while charging, the EVSE accepts, ends the transaction citing the reset, and then resets without restarting the station.',
      fault: 'evse-reset-immediate-no-tx-end',
    },
  ] as const,
  ({ withTx, type, requirements, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'B', requirements: [...requirements], features: ['C-13'] }, async (ctx) => {
      const { csms, config } = ctx;
      const evseId = config.ids.evseId;
      const main = requirements[0];
      if (!withTx) {
        await ctx.given('Booted');
        ctx.step(`The harness sends Reset ${type} for idle EVSE ${evseId}; the station accepts`);
        const res = await csms.call('Reset', { type, evseId }, { requirement: main });
        ctx.expectOneOf(res.status, ['Accepted'], main, 'ResetResponse.status');
        await evseCycles(ctx, main);
        return;
      }

      await ctx.given('EnergyTransferStarted');
      const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;
      const isEnded = (p: { eventType: string; transactionInfo: { transactionId: string } }) =>
        p.eventType === 'Ended' && p.transactionInfo.transactionId === txId;
      if (type === 'OnIdle') {
        ctx.step(`The harness sends Reset OnIdle for EVSE ${evseId} during the transaction; the station answers Scheduled`);
        const res = await csms.call('Reset', { type, evseId }, { requirement: main });
        ctx.expectOneOf(res.status, ['Scheduled'], main, 'ResetResponse.status');
        ctx.step('The transaction keeps running: no TransactionEvent Ended');
        await csms.expectNoCall('TransactionEvent', {
          within: config.timeouts.silenceMs,
          where: isEnded,
          whereText: 'Ended',
          requirement: main,
        });
        ctx.step('The harness stops the transaction remotely; the station ends it');
        const stop = await csms.call('RequestStopTransaction', { transactionId: txId }, { requirement: 'F03.FR.01' });
        ctx.expectOneOf(stop.status, ['Accepted'], 'F03.FR.01', 'RequestStopTransactionResponse.status');
        await csms.expectCall('TransactionEvent', { where: isEnded, whereText: `Ended of ${txId}`, requirement: 'F03.FR.01' });
      } else {
        ctx.step(`The harness sends Reset Immediate for EVSE ${evseId} during the transaction; the station accepts`);
        const res = await csms.call('Reset', { type, evseId }, { requirement: main });
        ctx.expectOneOf(res.status, ['Accepted'], main, 'ResetResponse.status');
        ctx.step('Before the EVSE resets, the station ends the transaction because of the reset');
        const ended = await csms.expectCall('TransactionEvent', { where: isEnded, whereText: `Ended of ${txId}`, requirement: main });
        ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['ImmediateReset'], main, 'Ended stoppedReason');
      }
      await evseCycles(ctx, main);
    }),
);
