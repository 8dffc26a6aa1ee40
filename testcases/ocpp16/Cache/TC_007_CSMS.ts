import { defineCase } from '../../../src/dsl.js';
import { startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_007_CSMS',
    title: 'Regular Start Charging Session - Cached Id',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Cache',
    requirements: ['OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'A charge point that found the valid idTag in its authorization cache starts a transaction without sending Authorize; the central system still checks the idTag itself and accepts the StartTransaction.',
    fault: 'start-tx-requires-authorize',
  },
  async (ctx) => {
    const { config } = ctx;
    await ctx.given('Booted');

    ctx.step('The driver plugs in the cable: the charge point reports the connector Preparing');
    await statusNotification16(ctx, 'Preparing');

    ctx.step(
      'The driver presents the valid idTag, which the charge point accepts from its cache; it starts the transaction without Authorize',
    );
    const start = await startTransaction16(ctx, config.ids.validIdToken.idToken);
    ctx.expectOneOf(
      start.idTagInfo?.status,
      ['Accepted'],
      'OCPP16-4.8',
      'StartTransaction.conf idTagInfo.status for the cached valid idTag',
    );

    ctx.step('Energy flows: the charge point reports the connector Charging');
    await statusNotification16(ctx, 'Charging');
  },
);
