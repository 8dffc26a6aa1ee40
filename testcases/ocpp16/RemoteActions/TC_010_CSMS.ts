import { check, defineCase } from '../../../src/dsl.js';
import { startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_010_CSMS',
    title: 'Remote Start Charging Session - Cable Plugged in First',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.11', 'OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'With the cable already plugged in, an operator starts a session remotely: the central system sends RemoteStartTransaction for the idTag the operator chose, then accepts the StartTransaction the charge point sends for it.',
    fault: 'remote-start-wrong-idtag',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The driver plugs in the cable: the charge point reports the connector Preparing');
    await statusNotification16(ctx, 'Preparing');

    ctx.step('The operator starts a session remotely: the central system sends RemoteStartTransaction');
    await ctx.manual(
      'csmsSend',
      { message: 'RemoteStartTransaction', stationId: config.stationId, idTag, connectorId },
      `Make the central system send RemoteStartTransaction to ${config.stationId} for idTag ${idTag} on connector ${connectorId}.`,
    );
    const req = await station.expectCall('RemoteStartTransaction', { requirement: 'OCPP16-5.11' });
    check(
      req.payload.idTag === idTag,
      'OCPP16-5.11',
      `RemoteStartTransaction.req idTag = ${JSON.stringify(idTag)}`,
      `idTag = ${JSON.stringify(req.payload.idTag)}`,
    );

    ctx.step('The charge point accepts the remote start');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The charge point starts the transaction for the remote idTag: the central system accepts it');
    const start = await startTransaction16(ctx, req.payload.idTag);
    ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');

    ctx.step('Energy flows: the charge point reports the connector Charging');
    await statusNotification16(ctx, 'Charging');
  },
);
