import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import {
  enterParkingBay201,
  evStopsCharging201,
  expectAfter,
  leaveParkingBay201,
  mark,
  withOnlyTxPoint,
  plugIn201,
  unplug201,
  validToken,
  withVariable201,
  type VariableNeed,
  startedTransactionId,
  unplugToAvailable201,
} from '../../../src/kit/index.js';

/**
 * Stop transaction options (E06): the harness sets TxCtrlr.TxStopPoint to exactly one value (a
 * station that does not take it, or does not declare it, cannot run the row), lets a transaction
 * charge and then takes away what that point stands for: the driver's authorization (a token
 * presented again, a remote stop, the EV connection timeout), the energy flow, or the EV in the
 * bay. The transaction must end then, with the trigger and reason that say why, and not before.
 * Each row is one stop point and one way of ending.
 */
type Ctx = TypedCaseContext<'2.0.1', 'cs'>;

/** The Ended event of the transaction, received after the mark. */
const endedAfter = (ctx: Ctx, since: number, transactionId: string, requirement: string) =>
  expectAfter(ctx.csms, since, 'TransactionEvent', {
    where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId,
    whereText: `eventType Ended for ${transactionId}`,
    requirement,
  });

/** The driver presents the token again, cable in: the transaction ends on it. */
async function stopByToken(ctx: Ctx, requirement: string, triggers: string[]): Promise<void> {
  const { csms, config } = ctx;
  await ctx.given('EnergyTransferStarted');
  const transactionId = startedTransactionId(ctx);
  ctx.step('The driver presents the token again to stop, the cable still in');
  const since = mark(csms);
  await ctx.manual('presentIdToken', { ...validToken(config), evseId: config.ids.evseId }, 'Present the configured valid idToken again.');
  ctx.step('The station ends the transaction while the EV is still connected');
  const ended = await endedAfter(ctx, since, transactionId, requirement);
  ctx.expectOneOf(ended.payload.triggerReason, triggers, 'E07.FR.02', 'Ended triggerReason');
  // stoppedReason may be left out when it is Local.
  ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason ?? 'Local', ['Local'], 'E07.FR.02', 'Ended stoppedReason');
  await unplugToAvailable201(ctx);
}

/** The CSMS stops the transaction: it ends with RemoteStop / Remote. */
async function stopRemotely(ctx: Ctx): Promise<void> {
  const { csms } = ctx;
  await ctx.given('EnergyTransferStarted');
  const transactionId = startedTransactionId(ctx);
  ctx.step('The harness sends RequestStopTransaction for the running transaction; the station accepts');
  const since = mark(csms);
  const res = await csms.call('RequestStopTransaction', { transactionId }, { requirement: 'F03.FR.01' });
  ctx.expectOneOf(res.status, ['Accepted'], 'F03.FR.01', 'RequestStopTransactionResponse.status');
  ctx.step('The station ends the transaction: triggerReason RemoteStop, stoppedReason Remote');
  const ended = await endedAfter(ctx, since, transactionId, 'F03.FR.02');
  ctx.expectOneOf(ended.payload.triggerReason, ['RemoteStop'], 'F03.FR.02', 'Ended triggerReason');
  ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['Remote'], 'F03.FR.03', 'Ended stoppedReason');
  await unplugToAvailable201(ctx);
}

/** EVConnectionTimeOut short enough to wait for in a case: at most the message timeout, at least 1 s. */
const connectionTimeoutS = (ctx: Ctx) => Math.max(1, Math.floor(ctx.config.timeouts.messageMs / 1000));

/** EVConnectionTimeOut short enough to wait for in a case (any value from 1 s up to that holds). */
function shortConnectionTimeout(ctx: Ctx): VariableNeed {
  const s = connectionTimeoutS(ctx);
  return { component: 'TxCtrlr', variable: 'EVConnectionTimeOut', value: String(s), holds: (v) => Number(v) >= 1 && Number(v) <= s };
}

/** TC_E_39: an authorization without a cable lapses after EVConnectionTimeOut. */
async function authorizationLapses(ctx: Ctx): Promise<void> {
  const { csms, config } = ctx;
  const token = validToken(config);
  ctx.step('The driver presents the valid token, no cable; the harness authorizes it');
  const since = mark(csms);
  await ctx.given('Authorized');
  ctx.step('No cable comes within EVConnectionTimeOut');
  await csms.wait(connectionTimeoutS(ctx) * 1000 + config.timeouts.silenceMs);
  // A start point the authorization reaches (Authorized) started a transaction: it ends on the timeout.
  const started = csms
    .receivedCalls('TransactionEvent')
    .find((c) => c.payload.eventType === 'Started' && c.payload.idToken?.idToken === token.idToken);
  if (started) {
    ctx.step('The transaction the authorization started ends on the timeout');
    const ended = await endedAfter(ctx, since, started.payload.transactionInfo.transactionId, 'E03.FR.05');
    ctx.expectOneOf(ended.payload.triggerReason, ['EVConnectTimeout'], 'E03.FR.05', 'Ended triggerReason');
    ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['Timeout'], 'E03.FR.05', 'Ended stoppedReason');
  }
  ctx.step('The EV cable is plugged in after the timeout: the connector is Occupied, nothing charges');
  const plugged = ctx.clock.monotonic();
  const atPlug = mark(csms);
  await plugIn201(ctx);
  await expectAfter(csms, atPlug, 'StatusNotification', {
    where: (p) => p.connectorStatus === 'Occupied',
    whereText: 'connectorStatus Occupied',
    requirement: 'G01.FR.01',
  });
  // A start point the cable reaches (EVConnected ...) may open a new transaction, without the lapsed token.
  await csms.expectNoCall('TransactionEvent', {
    where: (p) => p.transactionInfo.chargingState === 'Charging' || p.idToken?.idToken === token.idToken,
    whereText: `chargingState Charging or idToken ${token.idToken}`,
    within: config.timeouts.silenceMs,
    since: plugged,
    requirement: 'E03.FR.05',
  });
}

/**
 * TC_E_16: the CSMS refuses the transaction's token in a TransactionEventResponse. OCTT reaches
 * this through a transaction started offline; here the token is first accepted in Authorize and
 * then refused in the answer to the first event that carries it, which a station must act on the
 * same way (E05, E06): with StopTxOnInvalidId true and the authorization a stop point, it ends.
 */
async function tokenRefused(ctx: Ctx): Promise<void> {
  const { csms } = ctx;
  const refused = mark(csms);
  csms.respondTo('TransactionEvent', (call) => (call.payload.idToken ? { idTokenInfo: { status: 'Invalid' } } : {}));
  ctx.step('The EV is plugged in and the driver authorized; the CSMS answers the event carrying the token with idTokenInfo Invalid');
  // Plugged in by hand: the EVConnectedPreSession state would answer every TransactionEvent with Accepted.
  await plugIn201(ctx);
  await ctx.given('Authorized');
  const withToken = await expectAfter(csms, refused, 'TransactionEvent', {
    where: (p) => p.idToken?.idToken === validToken(ctx.config).idToken,
    whereText: 'an event with the authorized idToken',
    requirement: 'E06.FR.04',
  });
  ctx.step('The station deauthorizes the transaction and ends it');
  const ended = await endedAfter(ctx, refused, withToken.payload.transactionInfo.transactionId, 'E06.FR.04');
  ctx.expectOneOf(ended.payload.triggerReason, ['Deauthorized'], 'E06.FR.04', 'Ended triggerReason');
  ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['DeAuthorized'], 'E06.FR.04', 'Ended stoppedReason');
  await unplugToAvailable201(ctx);
}

export default defineCaseFamily(
  [
    {
      id: 'TC_E_07_CS',
      title: 'Stop transaction options - PowerPathClosed - Local stop',
      point: 'PowerPathClosed',
      requirements: ['E06.FR.06', 'E07.FR.02', 'G01.FR.02'],
      purpose:
        'With TxStopPoint PowerPathClosed a driver who presents the token again opens the power path: the transaction ends at once, cable still in (StopAuthorized, stoppedReason Local).',
      fault: 'txstop-deauth-waits-unplug',
      run: (ctx: Ctx) => stopByToken(ctx, 'E06.FR.06', ['StopAuthorized']),
    },
    {
      id: 'TC_E_08_CS',
      title: 'Stop transaction options - EnergyTransfer stopped - StopAuthorized',
      point: 'EnergyTransfer',
      requirements: ['E06.FR.07', 'E07.FR.02', 'G01.FR.02'],
      purpose:
        'With TxStopPoint EnergyTransfer a driver who presents the token again stops the energy flow, and the transaction ends with it, cable still in (stoppedReason Local).',
      fault: 'txstop-deauth-waits-unplug',
      // The stop authorization and the end of the energy flow are one moment or two events (an Updated
      // StopAuthorized first, then Ended ChargingStateChanged): either trigger is right on the Ended event.
      run: (ctx: Ctx) => stopByToken(ctx, 'E06.FR.07', ['StopAuthorized', 'ChargingStateChanged']),
    },
    {
      id: 'TC_E_16_CS',
      title: 'Stop transaction options - Deauthorized - Invalid idToken',
      point: 'Authorized',
      requirements: ['E06.FR.04', 'G01.FR.02'],
      purpose:
        'With TxStopPoint Authorized and StopTxOnInvalidId true, a token the CSMS refuses in a TransactionEventResponse deauthorizes the transaction: it ends with triggerReason Deauthorized and stoppedReason DeAuthorized.',
      fault: 'stop-tx-on-invalid-inverted',
      run: (ctx: Ctx) =>
        withVariable201(ctx, { component: 'TxCtrlr', variable: 'StopTxOnInvalidId', value: 'true' }, () => tokenRefused(ctx)),
    },
    {
      id: 'TC_E_21_CS',
      title: 'Stop transaction options - StopAuthorized - Remote',
      point: 'Authorized',
      requirements: ['F03.FR.01', 'F03.FR.02', 'F03.FR.03'],
      purpose:
        'With TxStopPoint Authorized a RequestStopTransaction withdraws the authorization: the station accepts it and ends the transaction with triggerReason RemoteStop and stoppedReason Remote.',
      fault: 'remote-stop-wrong-trigger',
      run: stopRemotely,
    },
    {
      id: 'TC_E_35_CS',
      title: 'Stop transaction options - PowerPathClosed - Remote stop',
      point: 'PowerPathClosed',
      requirements: ['F03.FR.01', 'F03.FR.02', 'F03.FR.03'],
      purpose:
        'With TxStopPoint PowerPathClosed a RequestStopTransaction opens the power path: the station accepts it and ends the transaction with triggerReason RemoteStop and stoppedReason Remote.',
      fault: 'remote-stop-wrong-trigger',
      run: stopRemotely,
    },
    {
      id: 'TC_E_22_CS',
      title: 'Stop transaction options - EnergyTransfer stopped - SuspendedEV',
      point: 'EnergyTransfer',
      requirements: ['E06.FR.07', 'G01.FR.02'],
      purpose:
        'With TxStopPoint EnergyTransfer an EV that stops drawing energy, cable still in, ends the transaction (triggerReason ChargingStateChanged, stoppedReason StoppedByEV).',
      fault: 'txstop-energy-ignores-suspend',
      run: async (ctx: Ctx) => {
        await ctx.given('EnergyTransferStarted');
        const transactionId = startedTransactionId(ctx);
        ctx.step('The EV stops drawing energy; its cable stays in');
        const since = mark(ctx.csms);
        await evStopsCharging201(ctx);
        ctx.step('The station ends the transaction because energy no longer flows');
        const ended = await endedAfter(ctx, since, transactionId, 'E06.FR.07');
        ctx.expectOneOf(ended.payload.triggerReason, ['ChargingStateChanged'], 'E06.FR.07', 'Ended triggerReason');
        ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['StoppedByEV'], 'E06.FR.07', 'Ended stoppedReason');
        await unplugToAvailable201(ctx);
      },
    },
    {
      id: 'TC_E_19_CS',
      title: 'Stop transaction options - ParkingBayUnoccupied',
      point: 'ParkingBayOccupancy',
      requirements: ['E06.FR.08', 'G01.FR.02'],
      purpose:
        'With TxStopPoint ParkingBayOccupancy unplugging does not end the transaction while the EV is still in the bay; it ends when the EV drives out (triggerReason EVDeparted).',
      fault: 'txstop-parkingbay-ends-at-unplug',
      run: async (ctx: Ctx) => {
        const { csms } = ctx;
        ctx.step('An EV drives into the parking bay and charges');
        await enterParkingBay201(ctx);
        await ctx.given('EnergyTransferStarted');
        const transactionId = startedTransactionId(ctx);
        ctx.step('The EV cable is unplugged; the EV stays in the bay, so the transaction goes on');
        const unplugged = ctx.clock.monotonic();
        await unplug201(ctx);
        await csms.expectNoCall('TransactionEvent', {
          where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId,
          whereText: `eventType Ended for ${transactionId}`,
          within: ctx.config.timeouts.silenceMs,
          since: unplugged,
          requirement: 'E06.FR.08',
        });
        ctx.step('The EV drives out of the bay; the station ends the transaction');
        const since = mark(csms);
        await leaveParkingBay201(ctx);
        const ended = await endedAfter(ctx, since, transactionId, 'E06.FR.08');
        ctx.expectOneOf(ended.payload.triggerReason, ['EVDeparted'], 'E06.FR.08', 'Ended triggerReason');
      },
    },
    {
      id: 'TC_E_39_CS',
      title: 'Stop transaction options - Deauthorized - timeout',
      point: 'Authorized',
      requirements: ['E03.FR.05', 'G01.FR.01'],
      purpose:
        'With TxStopPoint Authorized an authorization not followed by a cable within EVConnectionTimeOut lapses: a transaction it started ends (EVConnectTimeout, Timeout), and a cable plugged in afterwards does not charge on it.',
      fault: 'ev-connect-timeout-ignored',
      run: (ctx: Ctx) => withVariable201(ctx, shortConnectionTimeout(ctx), () => authorizationLapses(ctx)),
    },
  ] as const,
  ({ run, point, requirements, ...row }) =>
    defineCase(
      {
        ...row,
        requirements: [...requirements],
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'E',
        profiles: ['Core'],
        features: [`TxStopPoint.${point}`],
      },
      (ctx) => withOnlyTxPoint(ctx, 'TxStopPoint', point, () => run(ctx)),
    ),
);
