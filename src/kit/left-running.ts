import type { Ctx16Cs, Ctx201Cs } from './contexts.js';
import { answer, respondToTransactionEvents, transactionEventAnswer } from './csms201.js';
import { session16 } from './central-system16.js';

/**
 * What a case leaves running on a charging station, ended at case end by a post-condition so the
 * next case starts from an idle connector (a transaction left running gives the next one
 * ConcurrentTx or an Occupied connector): the Booted states register these once per case.
 */

/** Whether the case plugged the EV cable in (2.0.1: the EVConnectedPreSession state) and left it. */
export const cable201 = (ctx: Ctx201Cs) => ctx.remember<{ plugged: boolean }>('left-running.cable201', () => ({ plugged: false }));

/** Manual step: the EV cable is plugged into the configured EVSE and connector (unplugged again at case end). */
export async function plugIn201(ctx: Ctx201Cs): Promise<void> {
  await ctx.manual(
    'plugIn',
    { evseId: ctx.config.ids.evseId, connectorId: ctx.config.ids.connectorId },
    'Plug the EV cable into the configured EVSE and connector.',
  );
  cable201(ctx).plugged = true;
}

/** Manual step: the EV cable is unplugged from the configured EVSE and connector. */
export async function unplug201(ctx: Ctx201Cs, instruction = 'Unplug the EV cable.'): Promise<void> {
  await ctx.manual('unplug', { evseId: ctx.config.ids.evseId, connectorId: ctx.config.ids.connectorId }, instruction);
  cable201(ctx).plugged = false;
}

/** Transactions the station reported in this case (Started or Updated) without an Ended event. */
export function openTransactions201(ctx: Ctx201Cs): string[] {
  const open = new Set<string>();
  for (const e of ctx.csms.receivedCalls('TransactionEvent')) {
    const id = e.payload.transactionInfo.transactionId;
    if (e.payload.eventType === 'Ended') open.delete(id);
    else open.add(id);
  }
  return [...open];
}

/**
 * 2.0.1, the harness as CSMS: at case end, every transaction the station still runs is stopped
 * with RequestStopTransaction (its Ended event awaited and answered), and a cable the case
 * plugged in is unplugged.
 */
export function endWhatIsLeftRunning201(ctx: Ctx201Cs): void {
  ctx.remember('left-running.201', () =>
    ctx.afterCase(
      'stop the transactions this case left running and unplug its cable',
      async () => {
        const { csms } = ctx;
        respondToTransactionEvents(ctx);
        for (const transactionId of openTransactions201(ctx)) {
          const res = await csms.call('RequestStopTransaction', { transactionId }, { requirement: 'F03.FR.01' });
          if (res.status !== 'Accepted') {
            ctx.note(`RequestStopTransaction ${transactionId} answered ${res.status}`);
            continue;
          }
          const ended = await csms.expectCall('TransactionEvent', {
            where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId,
            whereText: `eventType Ended for transaction ${transactionId}`,
            requirement: 'F03.FR.01',
          });
          await answer(csms, ended, transactionEventAnswer(ended));
        }
        if (cable201(ctx).plugged) await unplug201(ctx, 'Unplug the EV cable (the case left it plugged in).');
      },
      { when: () => openTransactions201(ctx).length > 0 || cable201(ctx).plugged },
    ),
  );
}

/**
 * 1.6, the harness as central system: at case end, a transaction of the case's session still
 * running is stopped remotely and a cable left plugged in is unplugged (the Idle state).
 */
export function endWhatIsLeftRunning16(ctx: Ctx16Cs): void {
  const s = session16(ctx);
  ctx.remember('left-running.16', () =>
    ctx.afterCase('stop the transaction this case left running and unplug its cable', () => ctx.given('Idle'), {
      when: () => s.transactionId !== undefined || s.plugged,
    }),
  );
}
