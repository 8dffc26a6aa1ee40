import { defineCase } from '../../../src/dsl.js';
import { statusNotification16, stopTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_005_1_CSMS',
    title: 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = true',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Transactions',
    requirements: ['OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'A charging session ends because the cable is pulled out at the EV: the central system confirms the StopTransaction (reason EVDisconnected) that carries no idTag, and takes the Finishing and Available reports after it.',
    fault: 'stop-tx-callerror',
  },
  async (ctx) => {
    await ctx.given('Charging');

    ctx.step('The cable is pulled at the EV side: the charge point ends the transaction with reason EVDisconnected');
    await stopTransaction16(ctx, 'EVDisconnected', { requirement: 'OCPP16-4.10' });

    ctx.step('The charge point unlocks the connector and reports it Finishing');
    await statusNotification16(ctx, 'Finishing');

    ctx.step('The cable is removed: the charge point reports the connector Available');
    await statusNotification16(ctx, 'Available');
  },
);
