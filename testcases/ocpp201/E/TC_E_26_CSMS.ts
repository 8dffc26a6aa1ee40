import { defineCase } from '../../../src/dsl.js';
import { txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_26_CSMS',
    title: 'Disconnect cable on EV-side - Suspend transaction',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E10.FR.01'],
    purpose:
      'When the cable is pulled at the EV side and the station is set not to stop on that, the transaction is only suspended (Updated, EVCommunicationLost, chargingState Idle). The CSMS keeps it open and takes its later events when the EV is plugged back in and charges again.',
    fault: 'txevent-suspended-closed',
  },
  async (ctx) => {
    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The cable is pulled at the EV side: the station suspends the transaction');
    await txEvent(ctx, 'Updated', 'EVCommunicationLost', { chargingState: 'Idle', requirement: 'E10.FR.01' });

    ctx.step('The EV is plugged back in and charges again: the CSMS takes the events of the same transaction');
    await txEvent(ctx, 'Updated', 'CablePluggedIn', { chargingState: 'EVConnected', requirement: 'E10.FR.01' });
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'E10.FR.01' });

    ctx.step('The driver stops and unplugs');
    await ctx.given('StopAuthorized');
    await ctx.given('EVDisconnected');
  },
);
