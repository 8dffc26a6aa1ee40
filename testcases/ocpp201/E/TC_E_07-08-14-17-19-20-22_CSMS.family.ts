import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { connectorStatus, expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

/**
 * Stop transaction options (E06, E03): the station ends its transaction at a TxStopPoint other
 * than the certification default (EVConnected after a local stop). The CSMS does not configure
 * the point; it must take the Ended event in whatever state it comes (cable still in, EV
 * suspended, no token, a triggerReason of an optional stop point) and answer a token it
 * carries with idTokenInfo. Each row is one stop point; a row names its own fault.
 */
type Ctx = TypedCaseContext<'2.0.1', 'csms'>;

const unplugged = async (ctx: Ctx, requirement: string) => {
  ctx.step('The driver unplugs; the connector is Available again');
  await connectorStatus(ctx, 'Available', requirement);
};

/** The driver presents the token again to stop: the Ended event carries it (the transaction ends on it). */
async function endOnToken(ctx: Ctx, requirement: string): Promise<void> {
  ctx.step('The driver presents the token to stop: the station ends the transaction with it, cable still in');
  const res = await txEvent(ctx, 'Ended', 'StopAuthorized', {
    idToken: ctx.config.ids.validIdToken,
    chargingState: 'EVConnected',
    stoppedReason: 'Local',
    requirement,
  });
  expectIdTokenStatus(ctx, res, ['Accepted'], requirement);
  await unplugged(ctx, requirement);
}

/** The stop is authorized first (an Updated event), the Ended event follows with `then`. */
async function stopAuthorizedThen(ctx: Ctx, requirement: string, then: () => Promise<unknown>): Promise<void> {
  ctx.step('The driver presents the token to stop: the station reports it in an Updated event; the CSMS answers idTokenInfo');
  const res = await txEvent(ctx, 'Updated', 'StopAuthorized', {
    idToken: ctx.config.ids.validIdToken,
    chargingState: 'EVConnected',
    requirement,
  });
  expectIdTokenStatus(ctx, res, ['Accepted'], requirement);
  await then();
}

export default defineCaseFamily(
  [
    {
      id: 'TC_E_07_CSMS',
      title: 'Stop transaction options - PowerPathClosed - Local stop',
      requirements: ['E06.FR.06'],
      purpose:
        'With the stop point at PowerPathClosed the transaction ends as soon as the driver stops it, while the cable is still in: the CSMS takes that Ended event (chargingState EVConnected, stoppedReason Local) and answers its token with idTokenInfo Accepted.',
      fault: 'txevent-ended-while-connected-refused',
      run: (ctx: Ctx) => endOnToken(ctx, 'E06.FR.06'),
    },
    {
      id: 'TC_E_08_CSMS',
      title: 'Stop transaction options - EnergyTransfer stopped - StopAuthorized',
      requirements: ['E06.FR.07'],
      purpose:
        'With the stop point at EnergyTransfer the driver stop is first an Updated event with the token, and the transaction ends when energy stops, cable still in (triggerReason ChargingStateChanged, stoppedReason Local). The CSMS answers the token with idTokenInfo and takes the Ended event.',
      fault: 'txevent-ended-while-connected-refused',
      run: (ctx: Ctx) =>
        stopAuthorizedThen(ctx, 'E06.FR.07', async () => {
          ctx.step('Energy stops: the station ends the transaction while the EV is still connected');
          await txEvent(ctx, 'Ended', 'ChargingStateChanged', {
            chargingState: 'EVConnected',
            stoppedReason: 'Local',
            requirement: 'E06.FR.07',
          });
          await unplugged(ctx, 'E06.FR.07');
        }),
    },
    {
      id: 'TC_E_14_CSMS',
      title: 'Stop transaction options - EVDisconnected - Charging Station side',
      requirements: ['E06.FR.02'],
      purpose:
        'With the stop point at EVConnected a driver stop does not end the transaction: it is an Updated event with the token, which the CSMS answers with idTokenInfo; the transaction ends when the cable is taken out at the station side.',
      fault: 'txevent-stopauthorized-no-idtokeninfo',
      run: (ctx: Ctx) =>
        stopAuthorizedThen(ctx, 'E06.FR.02', async () => {
          ctx.step('The cable is removed at the station: the station ends the transaction');
          await txEvent(ctx, 'Ended', 'EVCommunicationLost', { chargingState: 'Idle', stoppedReason: 'Local', requirement: 'E06.FR.02' });
          await connectorStatus(ctx, 'Available', 'E06.FR.02');
        }),
    },
    {
      id: 'TC_E_17_CSMS',
      title: 'Stop transaction options - Deauthorized - EV side disconnect',
      requirements: ['E06.FR.05'],
      purpose:
        'When the cable is pulled at the EV side and the station deauthorizes the transaction for it, the transaction ends without a token (triggerReason Deauthorized, stoppedReason EVDisconnected); the CSMS takes that end.',
      fault: 'txevent-ended-evdisconnected-refused',
      run: async (ctx: Ctx) => {
        ctx.step('The cable is pulled at the EV side: the station deauthorizes and ends the transaction');
        await txEvent(ctx, 'Ended', 'Deauthorized', { chargingState: 'Idle', stoppedReason: 'EVDisconnected', requirement: 'E06.FR.05' });
        await unplugged(ctx, 'E06.FR.05');
      },
    },
    {
      id: 'TC_E_19_CSMS',
      title: 'Stop transaction options - ParkingBayUnoccupied',
      requirements: ['E06.FR.08'],
      purpose:
        'With the stop point at ParkingBayOccupancy unplugging only suspends the transaction (Updated, chargingState Idle); it ends when the bay sensor no longer sees the EV (triggerReason EVDeparted). The CSMS takes both events.',
      fault: 'txevent-trigger-restricted',
      run: async (ctx: Ctx) => {
        ctx.step('The driver unplugs: the transaction goes on without the EV connected');
        await txEvent(ctx, 'Updated', 'EVCommunicationLost', { chargingState: 'Idle', requirement: 'E06.FR.08' });
        await connectorStatus(ctx, 'Available', 'E06.FR.08');
        ctx.step('The EV leaves the bay: the station ends the transaction');
        await txEvent(ctx, 'Ended', 'EVDeparted', { chargingState: 'Idle', stoppedReason: 'EVDisconnected', requirement: 'E06.FR.08' });
      },
    },
    {
      id: 'TC_E_20_CSMS',
      title: 'Stop transaction options - EVDisconnected - EV side (able to charge IEC 61851-1 EV)',
      requirements: ['E06.FR.02'],
      purpose:
        'With the stop point at EVConnected, pulling the cable at the EV side while charging ends the transaction at once without a token (triggerReason EVCommunicationLost, stoppedReason EVDisconnected); the CSMS takes that end.',
      fault: 'txevent-ended-evdisconnected-refused',
      run: async (ctx: Ctx) => {
        ctx.step('The cable is pulled at the EV side while charging: the station ends the transaction');
        await txEvent(ctx, 'Ended', 'EVCommunicationLost', {
          chargingState: 'Idle',
          stoppedReason: 'EVDisconnected',
          requirement: 'E06.FR.02',
        });
        await unplugged(ctx, 'E06.FR.02');
      },
    },
    {
      id: 'TC_E_22_CSMS',
      title: 'Stop transaction options - EnergyTransfer stopped - SuspendedEV',
      requirements: ['E06.FR.07'],
      purpose:
        'With the stop point at EnergyTransfer the transaction ends when the EV stops drawing energy: the Ended event says chargingState SuspendedEV and stoppedReason StoppedByEV, cable still in; the CSMS takes it.',
      fault: 'txevent-ended-while-connected-refused',
      run: async (ctx: Ctx) => {
        ctx.step('The EV stops drawing energy: the station ends the transaction');
        await txEvent(ctx, 'Ended', 'ChargingStateChanged', {
          chargingState: 'SuspendedEV',
          stoppedReason: 'StoppedByEV',
          requirement: 'E06.FR.07',
        });
        await unplugged(ctx, 'E06.FR.07');
      },
    },
  ] as const,
  ({ run, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'E', profiles: ['Core'] }, async (ctx) => {
      ctx.step('A transaction is charging on the configured EVSE');
      await ctx.given('EnergyTransferStarted');
      await run(ctx);
    }),
);
