import { defineCase } from '../../../src/dsl.js';
import { authorizeValidToken, connectorStatus, expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_38_CSMS',
    title: 'Local start transaction - Authorization first - EV not ready',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E03.FR.02'],
    purpose:
      'The driver authorizes first and plugs in, but the EV is not ready to charge: the transaction starts with the token and then reports chargingState SuspendedEV until the EV draws energy. The CSMS answers the token Accepted and takes the suspended state.',
    fault: 'txevent-suspendedev-refused',
  },
  async (ctx) => {
    const { config } = ctx;
    const token = config.ids.validIdToken;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The driver presents a valid token first; the CSMS authorizes it');
    await authorizeValidToken(ctx);

    ctx.step('The EV is plugged in: the transaction starts with the token');
    await connectorStatus(ctx, 'Occupied', 'E03.FR.02');
    const res = await txEvent(ctx, 'Started', 'CablePluggedIn', { idToken: token, chargingState: 'EVConnected', requirement: 'E03.FR.02' });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E03.FR.02');

    ctx.step('The EV is not ready: the station reports chargingState SuspendedEV');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'SuspendedEV', requirement: 'E03.FR.02' });

    ctx.step('The EV gets ready and draws energy');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'E03.FR.02' });
  },
);
