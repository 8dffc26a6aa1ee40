import { defineCase } from '../../../src/dsl.js';
import { statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_023_3_CSMS',
    title: 'Start Charging Session - Authorize blocked',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Authorization',
    requirements: ['OCPP16-4.1', 'OCPP16-4.9'],
    purpose:
      'A driver presents an idTag that has been blocked: the central system answers the Authorize with Blocked, so no charging session starts.',
    fault: 'authorize-blocked-accepted',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.blockedIdToken.idToken;
    await ctx.given('Booted');

    ctx.step('The driver plugs in the cable: the charge point reports the connector Preparing');
    await statusNotification16(ctx, 'Preparing');

    ctx.step('The driver presents the blocked idTag: the central system answers Authorize with Blocked');
    const auth = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(auth.idTagInfo?.status, ['Blocked'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');

    ctx.step('No transaction starts; the cable is removed and the charge point reports the connector Available');
    await statusNotification16(ctx, 'Available');
  },
);
