import { check, defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { connectorStatus, energyReading, runningTx, txEvent } from '../../../src/kit/index.js';

/**
 * Check transaction status (E14): the operator makes the CSMS ask the station, for one
 * transaction or (without transactionId) for the station as a whole, whether transaction
 * messages are still queued. The CSMS must ask exactly what the operator chose and take the
 * queued messages the station then delivers. TC_E_30_CSMS (ongoing, nothing queued) is the
 * single case beside these.
 */
type Ctx = TypedCaseContext<'2.0.1', 'csms'>;

/** The queued message the station delivers after saying messagesInQueue true: a periodic reading. */
async function deliverQueuedReading(ctx: Ctx, requirement: string): Promise<void> {
  ctx.step('The station delivers the queued message: a periodic meter reading of the transaction');
  await txEvent(ctx, 'Updated', 'MeterValuePeriodic', { meterValue: [energyReading(ctx, 2_400, 'Sample.Periodic')], requirement });
}

export default defineCaseFamily(
  [
    {
      id: 'TC_E_29_CSMS',
      title: 'Check Transaction status - Transaction with id ongoing - with message in queue',
      requirements: ['E14.FR.02', 'E14.FR.03'],
      purpose:
        'Asked about a running transaction, the CSMS sends GetTransactionStatusRequest with its transactionId; the station answers ongoing with messages queued and then delivers them, and the CSMS takes them.',
      fault: 'txstatus-missing-txid',
      withId: true,
      answer: { ongoingIndicator: true, messagesInQueue: true },
      after: (ctx: Ctx) => deliverQueuedReading(ctx, 'E14.FR.03'),
    },
    {
      id: 'TC_E_31_CSMS',
      title: 'Check Transaction status - Transaction with id ended - with message in queue',
      requirements: ['E14.FR.02', 'E14.FR.04'],
      purpose:
        'Asked about a transaction that has ended at the station while its Ended event is still queued, the CSMS sends GetTransactionStatusRequest with its transactionId; the station answers not ongoing with messages queued, then delivers the Ended event, which the CSMS takes.',
      fault: 'txstatus-missing-txid',
      withId: true,
      answer: { ongoingIndicator: false, messagesInQueue: true },
      after: async (ctx: Ctx) => {
        ctx.step('The station delivers the queued Ended event of the transaction');
        await txEvent(ctx, 'Ended', 'EVCommunicationLost', {
          chargingState: 'Idle',
          stoppedReason: 'EVDisconnected',
          requirement: 'E14.FR.04',
        });
        await connectorStatus(ctx, 'Available', 'E14.FR.04');
      },
    },
    {
      id: 'TC_E_33_CSMS',
      title: 'Check Transaction status - Without transactionId - with message in queue',
      requirements: ['E14.FR.06', 'E14.FR.03'],
      purpose:
        'Asked whether the station has queued transaction messages at all, the CSMS sends GetTransactionStatusRequest without transactionId; the station answers messages queued and delivers them, and the CSMS takes them.',
      fault: 'txstatus-txid-added',
      withId: false,
      answer: { messagesInQueue: true },
      after: (ctx: Ctx) => deliverQueuedReading(ctx, 'E14.FR.03'),
    },
    {
      id: 'TC_E_34_CSMS',
      title: 'Check Transaction status - Without transactionId - without message in queue',
      requirements: ['E14.FR.06'],
      purpose:
        'Asked whether the station has queued transaction messages at all, the CSMS sends GetTransactionStatusRequest without transactionId, even while a transaction runs, and takes the answer that nothing is queued.',
      fault: 'txstatus-txid-added',
      withId: false,
      answer: { messagesInQueue: false },
      after: async () => undefined,
    },
  ] as const,
  ({ withId, answer, after, requirements, ...row }) =>
    defineCase(
      { ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'E', profiles: ['Core'], features: ['C-16'] },
      async (ctx) => {
        const { station, config } = ctx;
        const requirement = withId ? 'E14.FR.02' : 'E14.FR.06';

        ctx.step('A transaction is charging on the configured EVSE');
        await ctx.given('EnergyTransferStarted');
        const transactionId = runningTx(ctx).transactionId;

        ctx.step(
          withId
            ? 'The operator asks the CSMS for the status of that transaction'
            : 'The operator asks the CSMS whether the station has queued transaction messages',
        );
        await ctx.manual(
          'csmsSend',
          withId
            ? { message: 'GetTransactionStatus', stationId: config.stationId, transactionId }
            : { message: 'GetTransactionStatus', stationId: config.stationId },
          withId
            ? `Make the CSMS ask the station for the status of transaction ${transactionId}`
            : `Make the CSMS ask station ${config.stationId} whether transaction messages are queued (GetTransactionStatus without transactionId)`,
        );

        ctx.step(
          withId
            ? 'The CSMS sends GetTransactionStatusRequest for that transactionId'
            : 'The CSMS sends GetTransactionStatusRequest without transactionId',
        );
        const req = await station.expectCall('GetTransactionStatus', { requirement });
        const expected = withId ? transactionId : undefined;
        check(
          req.payload.transactionId === expected,
          requirement,
          expected ? `transactionId ${expected}` : 'no transactionId',
          `transactionId ${req.payload.transactionId ?? 'absent'}`,
        );

        ctx.step(`The station answers ${JSON.stringify(answer)}`);
        await station.reply(req, { ...answer });
        await after(ctx);
      },
    ),
);
