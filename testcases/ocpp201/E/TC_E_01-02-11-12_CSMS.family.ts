import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { authorizeValidToken, connectorStatus, expectIdTokenStatus, signedEnergyReading, txEvent } from '../../../src/kit/index.js';

/**
 * Start transaction options (E01): the station starts its transaction at a TxStartPoint other
 * than the certification default (EVConnected, Authorized). The CSMS does not configure the
 * point; it must take the Started event whenever and with whatever it comes: before plug-in
 * (parking bay), with the token and energy already flowing (power path, energy transfer), or
 * with signed meter data. Each row is one start point.
 */
type Ctx = TypedCaseContext<'2.0.1', 'csms'>;

/** Plug-in and authorization happen before the start point; the Started event then carries the token. */
async function startLate(ctx: Ctx, requirement: string, chargingState: 'Charging' | 'SuspendedEV', signed: boolean): Promise<void> {
  ctx.step('The EV is plugged in: no transaction yet at this start point');
  await connectorStatus(ctx, 'Occupied', requirement);
  ctx.step('The driver presents a valid token; the CSMS authorizes it');
  await authorizeValidToken(ctx);
  ctx.step(`The start point is reached: the station sends Started with the token (chargingState ${chargingState})`);
  const meterValue = signed ? [signedEnergyReading(ctx, 12_000, 'Transaction.Begin')] : undefined;
  const res = await txEvent(ctx, 'Started', signed ? 'SignedDataReceived' : 'ChargingStateChanged', {
    idToken: ctx.config.ids.validIdToken,
    chargingState,
    meterValue,
    requirement,
  });
  // The token was authorized just before: Accepted is the only right status.
  expectIdTokenStatus(ctx, res, ['Accepted'], requirement);
  if (chargingState !== 'Charging') {
    ctx.step('The EV starts to draw energy');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement });
  }
}

export default defineCaseFamily(
  [
    {
      id: 'TC_E_01_CSMS',
      title: 'Start transaction options - PowerPathClosed',
      requirements: ['E01.FR.05', 'C01.FR.02'],
      purpose:
        'With the start point at PowerPathClosed the transaction starts only once the driver is authorized and the EV connected: the Started event carries the token and a closed power path (SuspendedEV, the EV not drawing yet). The CSMS takes it and answers idTokenInfo Accepted.',
      fault: 'txevent-started-power-on-refused',
      run: (ctx: Ctx) => startLate(ctx, 'E01.FR.05', 'SuspendedEV', false),
    },
    {
      id: 'TC_E_02_CSMS',
      title: 'Start transaction options - EnergyTransfer',
      requirements: ['E01.FR.06', 'C01.FR.02'],
      purpose:
        'With the start point at EnergyTransfer the transaction starts only when energy flows: the Started event already says Charging and carries the token. The CSMS takes it and answers idTokenInfo Accepted.',
      fault: 'txevent-started-power-on-refused',
      run: (ctx: Ctx) => startLate(ctx, 'E01.FR.06', 'Charging', false),
    },
    {
      id: 'TC_E_11_CSMS',
      title: 'Start transaction options - DataSigned',
      requirements: ['E01.FR.04', 'C01.FR.02'],
      purpose:
        'With the start point at DataSigned the transaction starts when the meter has signed its start reading: the Started event (triggerReason SignedDataReceived) carries the token and a signed Transaction.Begin value. The CSMS takes it and answers idTokenInfo Accepted.',
      fault: 'txevent-trigger-restricted',
      run: (ctx: Ctx) => startLate(ctx, 'E01.FR.04', 'Charging', true),
    },
    {
      id: 'TC_E_12_CSMS',
      title: 'Start transaction options - ParkingBayOccupied',
      requirements: ['E01.FR.01', 'E02.FR.02'],
      purpose:
        'With the start point at ParkingBayOccupancy the transaction starts when the bay sensor detects the EV, before any cable or token (Started, triggerReason EVDetected, no idToken). The CSMS takes it, then the plug-in and the token added later, answering the token Accepted.',
      fault: 'txevent-trigger-restricted',
      run: async (ctx: Ctx) => {
        ctx.step('The EV drives into the bay: the station starts the transaction without cable or token');
        await txEvent(ctx, 'Started', 'EVDetected', { chargingState: 'Idle', requirement: 'E01.FR.01' });
        ctx.step('The EV is plugged in');
        await connectorStatus(ctx, 'Occupied', 'E01.FR.01');
        await txEvent(ctx, 'Updated', 'CablePluggedIn', { chargingState: 'EVConnected', requirement: 'E01.FR.01' });
        ctx.step('The driver presents a valid token; the station adds it to the transaction');
        await authorizeValidToken(ctx);
        const res = await txEvent(ctx, 'Updated', 'Authorized', { idToken: ctx.config.ids.validIdToken, requirement: 'E02.FR.02' });
        expectIdTokenStatus(ctx, res, ['Accepted'], 'E02.FR.02');
        await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'E01.FR.01' });
      },
    },
  ] as const,
  ({ run, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'E', profiles: ['Core'] }, async (ctx) => {
      ctx.step('The station is booted and idle');
      await ctx.given('Booted');
      await run(ctx);
    }),
);
