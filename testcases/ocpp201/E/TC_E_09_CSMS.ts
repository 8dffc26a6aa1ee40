import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_09_CSMS',
    title: 'Start transaction options - EVConnected',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E01.FR.02'],
    purpose:
      'With the transaction start point at EVConnected, a transaction starts when the cable is plugged in, before any idToken is known; the CSMS accepts that Started event and the later authorization.',
    fault: 'txevent-started-requires-idtoken',
  },
  async (ctx) => {
    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The EV is plugged in; the station reports the connector Occupied');
    await connectorStatus(ctx, 'Occupied', 'E01.FR.02');

    ctx.step('The station starts the transaction without an idToken; the CSMS answers it');
    const res = await txEvent(ctx, 'Started', 'CablePluggedIn', { chargingState: 'EVConnected', requirement: 'E01.FR.02' });
    check(res.idTokenInfo === undefined, 'E01.FR.02', 'no idTokenInfo (no idToken was sent)', JSON.stringify(res));

    ctx.step('The driver is authorized and charging starts');
    await ctx.given('Authorized');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'E01.FR.02' });
  },
);
