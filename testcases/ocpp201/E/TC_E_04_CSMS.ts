import { defineCase } from '../../../src/dsl.js';
import { connectorStatus, expectIdTokenStatus, txEvent, idTokenOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_04_CSMS',
    title: 'Local start transaction - Authorization first - Success',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['C01.FR.02', 'E03.FR.02'],
    purpose:
      'When the driver presents a valid token before plugging in, the CSMS answers the AuthorizeRequest with Accepted and then accepts the transaction that the token starts.',
    fault: 'authorize-valid-unknown',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const token = config.ids.validIdToken;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The driver presents the configured valid token; the CSMS answers Accepted');
    const auth = await station.call('Authorize', { idToken: idTokenOf(token) }, { requirement: 'C01.FR.02' });
    ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'C01.FR.02', 'AuthorizeResponse.idTokenInfo.status');

    ctx.step('The authorization starts the transaction; the CSMS confirms the token');
    const started = await txEvent(ctx, 'Started', 'Authorized', { idToken: token, requirement: 'E03.FR.02' });
    expectIdTokenStatus(ctx, started, ['Accepted'], 'E03.FR.02');

    ctx.step('The driver plugs in the EV');
    await connectorStatus(ctx, 'Occupied', 'E03.FR.02');
    await txEvent(ctx, 'Updated', 'CablePluggedIn', { chargingState: 'EVConnected', withEvse: true, requirement: 'E03.FR.02' });

    ctx.step('Energy transfer starts');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'E03.FR.02' });
  },
);
