import { defineCase } from '../../../src/dsl.js';
import { expectField16, operatorCall16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_026_CSMS',
    title: 'Remote Start Charging Session - Rejected',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.11'],
    purpose:
      'An operator starts a session remotely on a charge point that cannot start one: the central system sends RemoteStartTransaction for the chosen idTag and takes the Rejected answer.',
    fault: 'remote-start-wrong-idtag',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The operator starts a session remotely: the central system sends RemoteStartTransaction');
    const req = await operatorCall16(
      ctx,
      'RemoteStartTransaction',
      { idTag, connectorId },
      'OCPP16-5.11',
      `Make the central system send RemoteStartTransaction to ${config.stationId} for idTag ${idTag} on connector ${connectorId}.`,
    );
    expectField16(req.payload.idTag, idTag, 'OCPP16-5.11', 'RemoteStartTransaction.req idTag');

    ctx.step('The charge point cannot start a session: it answers Rejected (no transaction follows)');
    await station.reply(req, { status: 'Rejected' });
  },
);
