import { check, defineCase } from '../../../src/dsl.js';
import { acceptStart, plugIn, remoteStartFirst16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_011_1_CS',
    title: 'Remote Start Charging Session - Remote Start First',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.11', 'OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'A RemoteStartTransaction accepted before any EV is connected stays valid: when the cable is plugged in within the connection timeout, the charge point starts the transaction for the idTag the central system gave.',
    fault: 'remote-start-first-no-tx',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');
    await remoteStartFirst16(ctx);

    ctx.step('The EV cable is plugged in');
    await plugIn(ctx);

    ctx.step('The charge point starts the transaction for the given idTag');
    const start = await csms.expectCall('StartTransaction', { requirement: 'OCPP16-5.11' });
    check(
      start.payload.connectorId === connectorId && start.payload.idTag === idTag,
      'OCPP16-5.11',
      `StartTransaction for connector ${connectorId} and idTag ${idTag}`,
      start.payload,
    );
    await acceptStart(ctx, start);

    ctx.step('The connector reports Charging');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });

    ctx.step('The session is ended and the cable unplugged; the charge point returns to idle');
    await ctx.given('Idle');
  },
);
