import { check, defineCase } from '../../../src/dsl.js';
import { plugIn, presentIdTag, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_023_CS',
    title: 'Start Charging Session - Authorize Invalid',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Authorization',
    requirements: ['OCPP16-4.1', 'OCPP16-4.9'],
    purpose:
      'An idTag the central system reports as Invalid must not lead to a transaction: with the EV connected, the charge point asks for authorization and, on Invalid, starts nothing.',
    fault: 'authorize-invalid-starts-tx',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const invalid = config.ids.invalidIdToken;
    await ctx.given('Booted');

    ctx.step('The EV cable is plugged in; the connector reports Preparing');
    await plugIn(ctx);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-4.9' });

    ctx.step(`The driver presents the invalid idTag ${invalid.idToken}; the charge point sends Authorize for it`);
    await presentIdTag(ctx, invalid);
    const auth = await csms.expectCall('Authorize', { requirement: 'OCPP16-4.1' });
    check(
      auth.payload.idTag === invalid.idToken,
      'OCPP16-4.1',
      `Authorize.idTag = ${invalid.idToken}`,
      `Authorize.idTag = ${auth.payload.idTag}`,
    );

    ctx.step('The harness answers Invalid');
    await csms.reply(auth, { idTagInfo: { status: 'Invalid' } });

    ctx.step('The charge point starts no transaction');
    await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-4.1' });

    ctx.step('The cable is unplugged; the connector returns to Available');
    await ctx.given('Idle');
  },
);
