import { defineCase } from '../../../src/dsl.js';
import { statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_026_CS',
    title: 'Remote Start Charging Session - Rejected',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.11', 'OCPP16-5.2', 'OCPP16-4.9'],
    purpose:
      'A charge point that cannot start a transaction on the requested connector (here: the connector was made Inoperative) answers RemoteStartTransaction with Rejected and starts nothing.',
    fault: 'remote-start-inoperative-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

    ctx.step(`The harness makes connector ${connectorId} Inoperative with ChangeAvailability`);
    const off = await csms.call('ChangeAvailability', { connectorId, type: 'Inoperative' }, { requirement: 'OCPP16-5.2' });
    ctx.expectOneOf(off.status, ['Accepted'], 'OCPP16-5.2', 'ChangeAvailability.conf status');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Unavailable'), requirement: 'OCPP16-4.9' });

    ctx.step('The harness sends RemoteStartTransaction for that connector');
    const res = await csms.call('RemoteStartTransaction', { connectorId, idTag }, { requirement: 'OCPP16-5.11' });

    ctx.step('The charge point answers Rejected and starts no transaction');
    ctx.expectOneOf(res.status, ['Rejected'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
    await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-5.11' });

    ctx.step(`The harness makes connector ${connectorId} Operative again; it reports Available`);
    const on = await csms.call('ChangeAvailability', { connectorId, type: 'Operative' }, { requirement: 'OCPP16-5.2' });
    ctx.expectOneOf(on.status, ['Accepted'], 'OCPP16-5.2', 'ChangeAvailability.conf status');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Available'), requirement: 'OCPP16-4.9' });
  },
);
