import type { Call201, Ctx201Cs } from './contexts.js';
import { check } from '../engine/checks.js';
import { members, withVariable201, type VariableNeed } from './preconditions.js';
import { expectAfter, mark, respondToTransactionEvents, startedTransaction } from './csms201.js';
import { unplug201 } from './left-running.js';

/**
 * TxStartPoint / TxStopPoint cases (E01, E06) with the harness as CSMS: a case sets the one point
 * it tests, drives the physical steps only these points know (the parking bay, an EV that stops
 * drawing energy) and follows the events of one transaction.
 */

/** TxCtrlr.TxStartPoint or TxStopPoint set to exactly `point`, so no other point starts or ends the transaction first. */
export function onlyTxPoint(variable: 'TxStartPoint' | 'TxStopPoint', point: string): VariableNeed {
  return { component: 'TxCtrlr', variable, value: point, holds: (v) => members(v).length === 1 && members(v)[0] === point };
}

/**
 * The frame of a TxStartPoint / TxStopPoint case: the station is booted, every TransactionEvent is
 * acknowledged (Accepted for a token; the case inspects the ones it needs) and `run` goes with
 * the point set to exactly `point`, restored at case end.
 */
export async function withOnlyTxPoint(
  ctx: Ctx201Cs,
  variable: 'TxStartPoint' | 'TxStopPoint',
  point: string,
  run: () => Promise<void>,
): Promise<void> {
  await ctx.given('Booted');
  respondToTransactionEvents(ctx);
  await withVariable201(ctx, onlyTxPoint(variable, point), run);
}

const bay201 = (ctx: Ctx201Cs) => ctx.remember<{ occupied: boolean }>('tx-points.bay201', () => ({ occupied: false }));

/** Manual step: an EV drives into the configured EVSE's parking bay (it drives out again at case end). */
export async function enterParkingBay201(ctx: Ctx201Cs): Promise<void> {
  await ctx.manual('enterParkingBay', { evseId: ctx.config.ids.evseId }, 'Drive an EV into the parking bay of the configured EVSE.');
  bay201(ctx).occupied = true;
  ctx.remember('tx-points.bay201.after', () =>
    ctx.afterCase('drive the EV out of the parking bay', () => leaveParkingBay201(ctx, 'Drive the EV out of the parking bay.'), {
      when: () => bay201(ctx).occupied,
    }),
  );
}

/** Manual step: the EV drives out of the configured EVSE's parking bay. */
export async function leaveParkingBay201(ctx: Ctx201Cs, instruction = 'Drive the EV out of the parking bay.'): Promise<void> {
  await ctx.manual('leaveParkingBay', { evseId: ctx.config.ids.evseId }, instruction);
  bay201(ctx).occupied = false;
}

/** Manual step: the connected EV stops drawing energy (battery full or paused by the EV); the cable stays in. */
export async function evStopsCharging201(ctx: Ctx201Cs): Promise<void> {
  await ctx.manual(
    'evStopsCharging',
    { evseId: ctx.config.ids.evseId },
    'Make the connected EV stop drawing energy (e.g. battery full) without unplugging it.',
  );
}

/** The TransactionEvents of one transaction received so far, in arrival order. */
export function eventsOf(ctx: Ctx201Cs, transactionId: string): Call201<'TransactionEvent'>[] {
  return ctx.csms.receivedCalls('TransactionEvent').filter((c) => c.payload.transactionInfo.transactionId === transactionId);
}

/**
 * The transaction reaches chargingState Charging: in an event already received (the Started one
 * may say so) or in one still to come. Stations may report it in the event of the step that
 * completed the session or in a ChargingStateChanged event of their own; both count.
 */
export async function expectCharging(ctx: Ctx201Cs, transactionId: string, requirement: string): Promise<void> {
  const charging = (p: { transactionInfo: { transactionId: string; chargingState?: string } }) =>
    p.transactionInfo.transactionId === transactionId && p.transactionInfo.chargingState === 'Charging';
  if (eventsOf(ctx, transactionId).some((c) => charging(c.payload))) return;
  await ctx.csms.expectCall('TransactionEvent', { where: charging, whereText: `chargingState Charging for ${transactionId}`, requirement });
}

/** Fails when a TransactionEvent Started arrived among the first `before` received calls (the start point was not reached yet). */
export function checkNoStartBefore(ctx: Ctx201Cs, before: number, requirement: string, moment: string): void {
  const early = ctx.csms
    .receivedCalls('TransactionEvent')
    .filter((c) => c.payload.eventType === 'Started' && ctx.csms.untyped.receivedCalls().indexOf(c) < before);
  check(
    early.length === 0,
    requirement,
    `no TransactionEvent Started before ${moment}`,
    early.map((c) => `Started ${c.payload.transactionInfo.transactionId} (triggerReason ${c.payload.triggerReason})`),
  );
}

/** The transactionId of the transaction the EnergyTransferStarted (or a later) state started. */
export const startedTransactionId = (ctx: Ctx201Cs): string => startedTransaction(ctx).payload.transactionInfo.transactionId;

/** The station-side plug comes out after the transaction ended; the connector is Available again. */
export async function unplugToAvailable201(ctx: Ctx201Cs): Promise<void> {
  ctx.step('The cable is unplugged at the station side; the connector becomes Available');
  const since = mark(ctx.csms);
  await unplug201(ctx);
  await expectAfter(ctx.csms, since, 'StatusNotification', {
    where: (p) => p.connectorStatus === 'Available',
    whereText: 'connectorStatus Available',
    requirement: 'G01.FR.02',
  });
}
