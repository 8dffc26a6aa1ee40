import { check, defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import {
  checkNoStartBefore,
  enterParkingBay201,
  expectAfter,
  expectCharging,
  mark,
  withOnlyTxPoint,
  validToken,
} from '../../../src/kit/index.js';

/**
 * Start transaction options (E01): the harness sets TxCtrlr.TxStartPoint to exactly one value
 * (a station that does not take it, or does not declare it, cannot run the row) and drives the
 * session in the order that tells that point apart from the others. The transaction must start
 * at that point, not earlier (no Started event before it) and not later (Started follows it), and
 * then go on to charge once cable and token are both there. Each row is one start point.
 *
 * Orders used: points that need cable and token (PowerPathClosed, EnergyTransfer, DataSigned) get
 * the cable first and the token second, so a station that starts at plug-in shows it; EVConnected
 * gets only the cable until Started arrives; Authorized only the token (or a remote start);
 * ParkingBayOccupancy only the EV in the bay.
 */
type Ctx = TypedCaseContext<'2.0.1', 'cs'>;
const startedEvent = (ctx: Ctx, since: number, requirement: string) =>
  expectAfter(ctx.csms, since, 'TransactionEvent', {
    where: (p) => p.eventType === 'Started',
    whereText: 'eventType Started',
    requirement,
  });

type Started = Awaited<ReturnType<typeof startedEvent>>;

const txIdOf = (started: { payload: { transactionInfo: { transactionId: string } } }) => started.payload.transactionInfo.transactionId;

/** The Started event names the authorized token. */
function checkToken(ctx: Ctx, started: { payload: { idToken?: { idToken: string } } }, requirement: string): void {
  const token = validToken(ctx.config);
  check(
    started.payload.idToken?.idToken === token.idToken,
    requirement,
    `idToken ${token.idToken} in TransactionEvent Started`,
    started.payload.idToken ?? 'no idToken',
  );
}

/**
 * PowerPathClosed, EnergyTransfer, DataSigned: cable first, token second; Started comes only
 * after the authorization, with the token. `more` checks what the row's point adds.
 */
async function startWhenBoth(ctx: Ctx, requirement: string, more?: (started: Started) => void): Promise<void> {
  ctx.step('The EV cable is plugged in: the start point needs the driver too, so no transaction yet');
  await ctx.given('EVConnectedPreSession');
  ctx.step('The driver presents the valid token; the harness authorizes it');
  await ctx.given('Authorized');
  const authorized = mark(ctx.csms);
  checkNoStartBefore(ctx, authorized, requirement, 'the driver was authorized');
  ctx.step('The station starts the transaction with the token, now that the EV is connected and authorized');
  const started = await startedEvent(ctx, authorized, requirement);
  checkToken(ctx, started, requirement);
  more?.(started);
  ctx.step('The transaction charges');
  await expectCharging(ctx, txIdOf(started), requirement);
}

/** The token joins a transaction that started without one, in a later event of that transaction. */
async function tokenJoins(ctx: Ctx, transactionId: string): Promise<void> {
  const token = validToken(ctx.config);
  ctx.step('The driver presents the valid token; the station reports it in the running transaction');
  const since = mark(ctx.csms);
  await ctx.given('Authorized');
  await expectAfter(ctx.csms, since, 'TransactionEvent', {
    where: (p) => p.transactionInfo.transactionId === transactionId && p.idToken?.idToken === token.idToken,
    whereText: `an event of ${transactionId} with idToken ${token.idToken}`,
    requirement: 'E02.FR.02',
  });
}

/**
 * Authorized (local or remote): the authorization alone, no cable, starts the transaction; the
 * cable plugged in afterwards makes it charge. `checks` looks at what the Started event says.
 */
async function startBeforeCable(ctx: Ctx, authorize: () => Promise<void>, checks: (started: Started) => void): Promise<void> {
  const since = mark(ctx.csms);
  await authorize();
  ctx.step('The station starts the transaction at the authorization, before the cable');
  const started = await startedEvent(ctx, since, 'E01.FR.03');
  checks(started);
  ctx.step('The EV cable is plugged in; the transaction charges');
  await ctx.given('EVConnectedPreSession');
  await expectCharging(ctx, txIdOf(started), 'E01.FR.03');
}

export default defineCaseFamily(
  [
    {
      id: 'TC_E_01_CS',
      title: 'Start transaction options - PowerPathClosed',
      point: 'PowerPathClosed',
      requirements: ['E01.FR.05', 'C01.FR.01'],
      purpose:
        'With TxStartPoint PowerPathClosed, plugging in does not start a transaction; it starts when the authorized driver closes the power path, with the token, and charges.',
      fault: 'txstart-powerpath-early',
      run: (ctx: Ctx) => startWhenBoth(ctx, 'E01.FR.05'),
    },
    {
      id: 'TC_E_02_CS',
      title: 'Start transaction options - EnergyTransfer',
      point: 'EnergyTransfer',
      requirements: ['E01.FR.06', 'C01.FR.01'],
      purpose:
        'With TxStartPoint EnergyTransfer the transaction starts only when energy flows: not at plug-in, but after the authorization, with the token and chargingState Charging.',
      fault: 'txstart-powerpath-early',
      run: (ctx: Ctx) =>
        startWhenBoth(ctx, 'E01.FR.06', (started) => {
          // chargingState is optional in transactionInfo; when given, energy flows at this start point.
          const state = started.payload.transactionInfo.chargingState ?? 'Charging';
          ctx.expectOneOf(state, ['Charging'], 'E01.FR.06', 'Started chargingState');
        }),
    },
    {
      id: 'TC_E_11_CS',
      title: 'Start transaction options - DataSigned',
      point: 'DataSigned',
      requirements: ['E01.FR.04', 'C01.FR.01'],
      purpose:
        'With TxStartPoint DataSigned the transaction starts once the meter has signed its start reading: after the authorization, with the token and a signed Transaction.Begin meter value.',
      fault: 'datasigned-start-unsigned',
      run: (ctx: Ctx) =>
        startWhenBoth(ctx, 'E01.FR.04', (started) => {
          const signed = (started.payload.meterValue ?? []).flatMap((m) => m.sampledValue).filter((v) => v.signedMeterValue);
          check(
            signed.length > 0,
            'E01.FR.04',
            'a sampledValue with signedMeterValue in the Started event',
            started.payload.meterValue ?? [],
          );
        }),
    },
    {
      id: 'TC_E_09_CS',
      title: 'Start transaction options - EVConnected',
      point: 'EVConnected',
      requirements: ['E01.FR.02', 'E02.FR.02'],
      purpose:
        'With TxStartPoint EVConnected plugging in starts the transaction at once, before any token; the token presented afterwards joins that transaction, which then charges.',
      fault: 'txstart-evconnected-late',
      run: async (ctx: Ctx) => {
        ctx.step('The EV cable is plugged in; the station starts the transaction without a token');
        const since = mark(ctx.csms);
        await ctx.given('EVConnectedPreSession');
        const started = await startedEvent(ctx, since, 'E01.FR.02');
        ctx.expectOneOf(started.payload.evse?.id, [ctx.config.ids.evseId], 'E01.FR.02', 'Started evse.id');
        await tokenJoins(ctx, txIdOf(started));
        ctx.step('The transaction charges');
        await expectCharging(ctx, txIdOf(started), 'E01.FR.02');
      },
    },
    {
      id: 'TC_E_10_CS',
      title: 'Start transaction options - Authorized - Local',
      point: 'Authorized',
      requirements: ['E01.FR.03', 'C01.FR.01'],
      purpose:
        'With TxStartPoint Authorized a token presented before any cable starts the transaction at the authorization (triggerReason Authorized, with the token); plugging in then makes it charge.',
      fault: 'txstart-authorized-late',
      run: (ctx: Ctx) =>
        startBeforeCable(
          ctx,
          async () => {
            ctx.step('The driver presents the valid token, no cable yet; the harness authorizes it');
            await ctx.given('Authorized');
          },
          (started) => {
            checkToken(ctx, started, 'E01.FR.03');
            ctx.expectOneOf(started.payload.triggerReason, ['Authorized'], 'E01.FR.03', 'Started triggerReason');
          },
        ),
    },
    {
      id: 'TC_E_13_CS',
      title: 'Start transaction options - Authorized - Remote',
      point: 'Authorized',
      requirements: ['E01.FR.03', 'F01.FR.01', 'F01.FR.19', 'F01.FR.25'],
      purpose:
        'With TxStartPoint Authorized an accepted RequestStartTransaction starts the transaction before any cable (triggerReason RemoteStart, the token and remoteStartId); plugging in then makes it charge.',
      fault: 'txstart-authorized-late',
      run: (ctx: Ctx) => {
        const { csms, config } = ctx;
        const remoteStartId = 4213;
        return startBeforeCable(
          ctx,
          async () => {
            // A station with AuthorizeRemoteStart true asks about the token first; either way is allowed.
            csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });
            ctx.step('The harness sends RequestStartTransaction, no cable yet; the station accepts');
            const res = await csms.call(
              'RequestStartTransaction',
              { idToken: validToken(config), remoteStartId, evseId: config.ids.evseId },
              { requirement: 'F01.FR.01' },
            );
            ctx.expectOneOf(res.status, ['Accepted'], 'F01.FR.01', 'RequestStartTransactionResponse.status');
          },
          (started) => {
            checkToken(ctx, started, 'F01.FR.19');
            ctx.expectOneOf(started.payload.triggerReason, ['RemoteStart'], 'F01.FR.19', 'Started triggerReason');
            ctx.expectOneOf(started.payload.transactionInfo.remoteStartId, [remoteStartId], 'F01.FR.25', 'transactionInfo.remoteStartId');
          },
        );
      },
    },
    {
      id: 'TC_E_12_CS',
      title: 'Start transaction options - ParkingBayOccupied',
      point: 'ParkingBayOccupancy',
      requirements: ['E01.FR.01', 'E02.FR.02'],
      purpose:
        'With TxStartPoint ParkingBayOccupancy the transaction starts when the bay detector sees the EV, before cable or token (triggerReason EVDetected); cable and token then join it and it charges.',
      fault: 'txstart-parkingbay-late',
      run: async (ctx: Ctx) => {
        ctx.step('An EV drives into the parking bay; the station starts the transaction');
        const since = mark(ctx.csms);
        await enterParkingBay201(ctx);
        const started = await startedEvent(ctx, since, 'E01.FR.01');
        ctx.expectOneOf(started.payload.triggerReason, ['EVDetected'], 'E01.FR.01', 'Started triggerReason');
        ctx.step('The EV cable is plugged in');
        await ctx.given('EVConnectedPreSession');
        await tokenJoins(ctx, txIdOf(started));
        ctx.step('The transaction charges');
        await expectCharging(ctx, txIdOf(started), 'E01.FR.01');
      },
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
        features: [`TxStartPoint.${point}`],
      },
      (ctx) => withOnlyTxPoint(ctx, 'TxStartPoint', point, () => run(ctx)),
    ),
);
