import { defineCase } from '../../../src/dsl.js';
import { connectorStatus, expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_15_CSMS',
    title: 'Stop transaction options - StopAuthorized - Local',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E06.FR.03'],
    purpose:
      'With the transaction stop point at Authorized, presenting the token again ends the transaction; the CSMS answers the Ended event, which carries that token, with idTokenInfo.',
    fault: 'txevent-ended-no-idtokeninfo',
  },
  async (ctx) => {
    const token = ctx.config.ids.validIdToken;

    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The driver presents the same token to stop; the station ends the transaction with it');
    const res = await txEvent(ctx, 'Ended', 'StopAuthorized', {
      idToken: token,
      chargingState: 'EVConnected',
      stoppedReason: 'Local',
      requirement: 'E06.FR.03',
    });

    ctx.step('The CSMS answers the Ended event with idTokenInfo for the token');
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E06.FR.03');

    ctx.step('The driver unplugs; the connector is Available again');
    await connectorStatus(ctx, 'Available', 'E06.FR.03');
  },
);
