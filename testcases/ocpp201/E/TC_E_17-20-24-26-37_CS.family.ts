import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import {
  expectAfter,
  mark,
  members,
  onlyTxPoint,
  respondToTransactionEvents,
  validToken,
  withVariables201,
  type VariableNeed,
  startedTransactionId,
  unplugToAvailable201,
} from '../../../src/kit/index.js';

/**
 * Disconnect cable on EV-side (E09, E10): during a charging transaction the cable is pulled out
 * of the EV while its plug stays in the station (manual step evSideDisconnect). With
 * TxCtrlr.StopTxOnEVSideDisconnect true the station deauthorizes the transaction; with false it
 * only suspends it until the EV is connected again. A station whose variable is read-only with
 * the other value cannot run the row (not-applicable). TC_E_17, 20 and 37 are the stop points
 * (E06) an EV-side disconnect takes away: with the TxStopPoint set to exactly that point, the
 * transaction ends as in TC_E_24.
 */
type Ctx = TypedCaseContext<'2.0.1', 'cs'>;

const stopOnEvSide = (value: 'true' | 'false'): VariableNeed => ({ component: 'TxCtrlr', variable: 'StopTxOnEVSideDisconnect', value });

/** At least one stop point that a deauthorization without EV takes away, so the end is seen at once (not ParkingBayOccupancy alone). */
const deauthorizationEnds: VariableNeed = {
  component: 'TxCtrlr',
  variable: 'TxStopPoint',
  value: 'PowerPathClosed',
  holds: (v) => members(v).some((p) => ['EVConnected', 'Authorized', 'PowerPathClosed', 'EnergyTransfer'].includes(p)),
};

async function evSide(ctx: Ctx, action: 'evSideDisconnect' | 'evSideReconnect', instruction: string): Promise<void> {
  await ctx.manual(action, { evseId: ctx.config.ids.evseId }, instruction);
}

/** TC_E_24 (and 17, 20, 37): StopTxOnEVSideDisconnect true: the transaction ends while the station side is still plugged. */
async function deauthorized(ctx: Ctx, requirement: string): Promise<void> {
  await ctx.given('EnergyTransferStarted');
  const transactionId = startedTransactionId(ctx);
  ctx.step('The cable is pulled out of the EV; its plug stays in the station');
  const since = mark(ctx.csms);
  await evSide(ctx, 'evSideDisconnect', 'Pull the charging cable out of the EV, leaving it plugged into the station.');
  ctx.step('The station deauthorizes the transaction: it ends before the station-side plug comes out');
  const ended = await expectAfter(ctx.csms, since, 'TransactionEvent', {
    where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId,
    whereText: `eventType Ended for ${transactionId}`,
    requirement,
  });
  // The EV connection is what was lost; a station may also name the deauthorization it caused.
  ctx.expectOneOf(ended.payload.triggerReason, ['EVCommunicationLost', 'Deauthorized'], requirement, 'Ended triggerReason');
  ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['EVDisconnected', 'DeAuthorized'], requirement, 'Ended stoppedReason');
  // UnlockOnEVSideDisconnect: the cable is released, so the station-side unplug can be done.
  await unplugToAvailable201(ctx);
}

/** TC_E_26: StopTxOnEVSideDisconnect false: the transaction is suspended and charges again when the EV is back. */
async function suspended(ctx: Ctx): Promise<void> {
  const { csms } = ctx;
  await ctx.given('EnergyTransferStarted');
  const transactionId = startedTransactionId(ctx);
  ctx.step('The cable is pulled out of the EV; its plug stays in the station');
  const since = mark(csms);
  await evSide(ctx, 'evSideDisconnect', 'Pull the charging cable out of the EV, leaving it plugged into the station.');
  ctx.step('The station suspends the transaction: an Updated event, EVCommunicationLost, no longer charging');
  const lost = await expectAfter(csms, since, 'TransactionEvent', {
    where: (p) =>
      p.transactionInfo.transactionId === transactionId && (p.triggerReason === 'EVCommunicationLost' || p.eventType === 'Ended'),
    whereText: `triggerReason EVCommunicationLost or eventType Ended for ${transactionId}`,
    requirement: 'E10.FR.01',
  });
  ctx.expectOneOf(lost.payload.eventType, ['Updated'], 'E10.FR.01', 'TransactionEvent eventType after the EV-side disconnect');
  // Idle, EVConnected or SuspendedEV all say energy stopped; only Charging would be wrong.
  ctx.expectOneOf(
    lost.payload.transactionInfo.chargingState ?? 'Idle',
    ['Idle', 'EVConnected', 'SuspendedEV', 'SuspendedEVSE'],
    'E10.FR.01',
    'chargingState after the EV-side disconnect',
  );
  ctx.step('The cable is plugged back into the EV; the same transaction charges again');
  const back = mark(csms);
  await evSide(ctx, 'evSideReconnect', 'Plug the charging cable back into the EV.');
  await expectAfter(csms, back, 'TransactionEvent', {
    where: (p) => p.transactionInfo.transactionId === transactionId && p.transactionInfo.chargingState === 'Charging',
    whereText: `chargingState Charging for ${transactionId}`,
    requirement: 'E10.FR.02',
  });
  ctx.step('The driver presents the token to stop');
  await ctx.manual(
    'presentIdToken',
    { ...validToken(ctx.config), evseId: ctx.config.ids.evseId },
    'Present the configured valid idToken again.',
  );
  await unplugToAvailable201(ctx);
}

/** A stop-point row (E06): TxStopPoint exactly `point`, which the EV-side disconnect takes away. */
function stopPointRow(id: string, name: string, point: string, requirement: string, effect: string) {
  return {
    id,
    title: `Stop transaction options - ${name}`,
    requirements: [requirement, 'E09.FR.01', 'G01.FR.02'],
    purpose: `With TxStopPoint ${point} and StopTxOnEVSideDisconnect true, pulling the cable out of the EV ${effect}: the transaction ends, the station-side plug still in.`,
    fault: 'evside-disconnect-only-suspends' as const,
    features: [`TxStopPoint.${point}`],
    needs: [stopOnEvSide('true'), onlyTxPoint('TxStopPoint', point)],
    run: (ctx: Ctx) => deauthorized(ctx, requirement),
  };
}

export default defineCaseFamily(
  [
    {
      id: 'TC_E_24_CS',
      title: 'Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is true',
      requirements: ['E09.FR.01', 'G01.FR.02'],
      purpose:
        'With StopTxOnEVSideDisconnect true, pulling the cable out of the EV deauthorizes the transaction: it ends (EVCommunicationLost, EVDisconnected) with the station side still plugged, and the released cable can then be unplugged.',
      fault: 'evside-disconnect-only-suspends',
      features: ['UnlockOnEVSideDisconnect'],
      needs: [stopOnEvSide('true'), deauthorizationEnds],
      run: (ctx: Ctx) => deauthorized(ctx, 'E09.FR.01'),
    },
    stopPointRow('TC_E_17_CS', 'Deauthorized - EV side disconnect', 'Authorized', 'E06.FR.05', 'deauthorizes the transaction'),
    stopPointRow('TC_E_20_CS', 'EVDisconnected - EV side (able to charge IEC 61851-1 EV)', 'EVConnected', 'E06.FR.02', 'loses the EV'),
    stopPointRow('TC_E_37_CS', 'PowerPathClosed - EV side disconnect', 'PowerPathClosed', 'E06.FR.06', 'opens the power path'),
    {
      id: 'TC_E_26_CS',
      title: 'Disconnect cable on EV-side - Suspend transaction',
      requirements: ['E10.FR.01', 'E10.FR.02', 'G01.FR.02'],
      purpose:
        'With StopTxOnEVSideDisconnect false, pulling the cable out of the EV only suspends the transaction (Updated, EVCommunicationLost); when the EV is connected again the same transaction charges again.',
      fault: 'evside-suspend-ends-tx',
      features: [],
      needs: [stopOnEvSide('false')],
      run: suspended,
    },
  ] as const,
  ({ run, needs, features, requirements, ...row }) =>
    defineCase(
      {
        ...row,
        requirements: [...requirements],
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'E',
        profiles: ['Core'],
        features: [...features],
      },
      async (ctx) => {
        await ctx.given('Booted');
        respondToTransactionEvents(ctx);
        await withVariables201(ctx, [...needs], () => run(ctx));
      },
    ),
);
