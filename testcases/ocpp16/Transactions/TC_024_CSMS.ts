import { defineCase } from '../../../src/dsl.js';
import { statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_024_CSMS',
    title: 'Start Charging Session - Lock Failure',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Transactions',
    requirements: ['OCPP16-4.9', 'OCPP16-4.1'],
    purpose:
      'The connector cannot be locked after the driver identified: the central system answers the Faulted report with errorCode ConnectorLockFailure (no transaction is started) and the Available report once the fault clears.',
    fault: 'status-faulted-refused',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The driver plugs in: the charge point reports the connector Preparing');
    await statusNotification16(ctx, 'Preparing');

    ctx.step('The driver presents the valid idTag: the central system authorizes it');
    const auth = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(auth.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');

    ctx.step('The connector lock fails: the charge point reports Faulted with ConnectorLockFailure, and the central system answers it');
    await station.call(
      'StatusNotification',
      { connectorId, errorCode: 'ConnectorLockFailure', status: 'Faulted', timestamp: ctx.nowIso() },
      { requirement: 'OCPP16-4.9' },
    );

    ctx.step('The cable is removed and the fault clears: the charge point reports the connector Available');
    await statusNotification16(ctx, 'Available');
  },
);
