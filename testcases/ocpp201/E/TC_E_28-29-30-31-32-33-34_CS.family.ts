import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import {
  answer,
  expectAfter,
  mark,
  respondToTransactionEvents,
  startedTransaction,
  STOP_ON_UNPLUG,
  transactionEventAnswer,
  unplug201,
  whileOffline,
  withVariables201,
  type VariableNeed,
} from '../../../src/kit/index.js';

/**
 * Check transaction status (E14): the harness asks the station with GetTransactionStatus about
 * one transaction (unknown, running or ended) or, without transactionId, about its queue as a
 * whole. "With message in queue" is reached as OCTT does: the connection is lost while periodic
 * readings (TxUpdatedInterval 1 s) and, for an ended transaction, its Ended event pile up; once
 * the station is back the harness holds the answer to the first message it delivers and asks
 * then. At least two messages were queued, so one still waits besides the one in flight, and a
 * message the CSMS has not answered is not delivered yet either way.
 */
type Ctx = TypedCaseContext<'2.0.1', 'cs'>;

type About = 'unknown' | 'running' | 'ended' | 'none';

/** Periodic readings every second while the transaction runs: messages that queue up while offline. */
const PERIODIC_1S: VariableNeed = { component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval', value: '1' };

/** Ends the running transaction by unplugging (TxStopPoint held up by the cable) and waits for its Ended event. */
async function endByUnplug(ctx: Ctx, txId: string): Promise<void> {
  const since = mark(ctx.csms);
  await unplug201(ctx, 'Unplug the EV cable at the station side.');
  await expectAfter(ctx.csms, since, 'TransactionEvent', {
    where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === txId,
    whereText: `eventType Ended of ${txId}`,
    requirement: 'E06.FR.01',
  });
}

/**
 * Runs `ask` while the station has queued transaction messages: offline for three reading
 * intervals (the transaction ended by unplugging while offline when `end`), then back, with the
 * answer to the first delivered message held until `ask` is done.
 */
async function withQueuedMessages(ctx: Ctx, end: boolean, ask: (txId: string) => Promise<void>): Promise<void> {
  const { csms } = ctx;
  await ctx.given('Booted');
  await withVariables201(ctx, end ? [PERIODIC_1S, STOP_ON_UNPLUG] : [PERIODIC_1S], async () => {
    await ctx.given('EnergyTransferStarted');
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;
    await whileOffline(ctx, 'E11.FR.01', async () => {
      // Delivered messages are held from now on: the case answers them itself.
      csms.stopResponding('TransactionEvent');
      ctx.step('While offline, periodic readings of the transaction queue up at the station');
      await csms.wait(3_000);
      if (end) {
        ctx.step('While offline, the EV cable is unplugged: the transaction ends and its Ended event queues up too');
        await unplug201(ctx, 'Unplug the EV cable at the station side.');
        await csms.wait(1_000);
      }
    });
    const held = await csms.expectCall('TransactionEvent', {
      where: (p) => p.transactionInfo.transactionId === txId,
      whereText: `a queued event of ${txId}`,
      within: ctx.waits.reconnect,
      requirement: 'E11.FR.01',
    });
    ctx.step('The harness holds its answer to the first delivered message and asks for the transaction status');
    await ask(txId);
    await answer(csms, held, transactionEventAnswer(held));
    respondToTransactionEvents(ctx);
  });
}

export default defineCaseFamily(
  [
    {
      id: 'TC_E_28_CS',
      title: 'Check transaction status - TxId unknown',
      requirements: ['E14.FR.01'],
      purpose: 'Asked about a transactionId it never used, the station does not report it ongoing and has nothing queued for it.',
      fault: 'txstatus-any-ongoing',
      about: 'unknown' as About,
      queued: false,
    },
    {
      id: 'TC_E_29_CS',
      title: 'Check transaction status - Transaction with id ongoing - with message in queue',
      requirements: ['E14.FR.02', 'E14.FR.04'],
      purpose:
        'Asked about its running transaction while messages of it wait for delivery after a connection loss, the station says it is ongoing and that messages are queued.',
      fault: 'txstatus-queue-ignored',
      about: 'running' as About,
      queued: true,
    },
    {
      id: 'TC_E_30_CS',
      title: 'Check transaction status - Transaction ongoing - without message in queue',
      requirements: ['E14.FR.02', 'E14.FR.05'],
      purpose:
        'Asked about the transaction it is running while online, the station says the transaction is ongoing and that it has no messages queued for it.',
      fault: 'txstatus-not-ongoing',
      about: 'running' as About,
      queued: false,
    },
    {
      id: 'TC_E_31_CS',
      title: 'Check transaction status - Transaction with id ended - with message in queue',
      requirements: ['E14.FR.03', 'E14.FR.04'],
      purpose:
        'Asked about a transaction that ended while the station was offline and whose messages wait for delivery, the station says it is not ongoing and that messages are queued.',
      fault: 'txstatus-queue-ignored',
      about: 'ended' as About,
      queued: true,
    },
    {
      id: 'TC_E_32_CS',
      title: 'Check transaction status - Transaction with id ended - without message in queue',
      requirements: ['E14.FR.03', 'E14.FR.05'],
      purpose: 'Asked about a transaction that ended and was fully reported, the station says it is not ongoing and nothing is queued.',
      fault: 'txstatus-any-ongoing',
      about: 'ended' as About,
      queued: false,
    },
    {
      id: 'TC_E_33_CS',
      title: 'Check transaction status - Without transactionId - with message in queue',
      requirements: ['E14.FR.06', 'E14.FR.07'],
      purpose:
        'Asked without a transactionId while transaction messages wait for delivery after a connection loss, the station says messages are queued and gives no ongoingIndicator.',
      fault: 'txstatus-queue-ignored',
      about: 'none' as About,
      queued: true,
    },
    {
      id: 'TC_E_34_CS',
      title: 'Check transaction status - Without transactionId - without message in queue',
      requirements: ['E14.FR.06', 'E14.FR.08'],
      purpose:
        'Asked without a transactionId while nothing waits for delivery, the station says no messages are queued and gives no ongoingIndicator.',
      fault: 'txstatus-no-id-indicator',
      about: 'none' as About,
      queued: false,
    },
  ] as const,
  ({ about, queued, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'cs', block: 'E', profiles: ['Core'] }, async (ctx) => {
      const { csms } = ctx;
      const [first = '', second = ''] = requirements;
      const ask = async (txId: string | undefined) => {
        ctx.step(
          txId === undefined
            ? 'The harness asks for the transaction status without a transactionId'
            : `The harness asks for the status of ${txId}`,
        );
        const res = await csms.call('GetTransactionStatus', txId === undefined ? {} : { transactionId: txId }, { requirement: first });
        if (about === 'none')
          ctx.expectOneOf(res.ongoingIndicator, [undefined], first, 'ongoingIndicator (must be absent without transactionId)');
        // An unknown transaction is not ongoing; whether the station says false or leaves the indicator out is not fixed.
        else if (about === 'unknown') ctx.expectOneOf(res.ongoingIndicator, [false, undefined], first, 'ongoingIndicator');
        else ctx.expectOneOf(res.ongoingIndicator, [about === 'running'], first, 'ongoingIndicator');
        ctx.expectOneOf(res.messagesInQueue, [queued], second || first, 'messagesInQueue');
      };
      if (queued) {
        await withQueuedMessages(ctx, about === 'ended', (txId) => ask(about === 'none' ? undefined : txId));
        return;
      }
      if (about === 'unknown' || about === 'none') {
        await ctx.given('Booted');
        await ask(about === 'unknown' ? `UNKNOWN-${ctx.ids.next().slice(0, 20)}` : undefined);
        return;
      }
      await ctx.given('Booted');
      await withVariables201(ctx, about === 'ended' ? [STOP_ON_UNPLUG] : [], async () => {
        await ctx.given('EnergyTransferStarted');
        const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;
        if (about === 'ended') {
          ctx.step('The EV cable is unplugged: the transaction ends and its Ended event is answered');
          await endByUnplug(ctx, txId);
        }
        // Let the station take the answers to the events it just sent (Ended, or an Updated on authorization) before it is asked.
        await csms.wait(ctx.config.timeouts.transactionMs);
        await ask(txId);
      });
    }),
);
