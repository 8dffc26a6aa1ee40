import { defineCase } from '../../../src/dsl.js';
import { connectorStatus, expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_16_CSMS',
    title: 'Stop transaction options - Deauthorized - Invalid idToken',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E01.FR.12', 'E01.FR.11', 'E06.FR.04'],
    purpose:
      'When a transaction that started on plug-in is given an invalid token, the CSMS answers the TransactionEventRequest with a non-accepted idTokenInfo, and accepts the transaction ending as DeAuthorized.',
    fault: 'txevent-accepts-any-token',
  },
  async (ctx) => {
    const invalid = ctx.config.ids.invalidIdToken;

    ctx.step('The EV is plugged in: the transaction starts without an idToken');
    await ctx.given('EVConnectedPreSession');

    ctx.step('The driver presents an invalid token; the station sends it in a TransactionEventRequest');
    const res = await txEvent(ctx, 'Updated', 'Authorized', { idToken: invalid, requirement: 'E01.FR.11' });

    ctx.step('The CSMS answers with idTokenInfo Invalid or Unknown');
    expectIdTokenStatus(ctx, res, ['Invalid', 'Unknown'], 'E01.FR.12');

    ctx.step('The station deauthorizes and ends the transaction; the CSMS acknowledges it');
    await txEvent(ctx, 'Ended', 'Deauthorized', { chargingState: 'EVConnected', stoppedReason: 'DeAuthorized', requirement: 'E06.FR.04' });

    ctx.step('The driver unplugs; the connector is Available again');
    await connectorStatus(ctx, 'Available', 'E06.FR.04');
  },
);
