import { check, defineCase } from '../../../src/dsl.js';
import { mark, expectAfter } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_23_CS',
    title: 'Trigger message - StatusNotification - Specific EVSE - Available',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F06.FR.12', 'F06.FR.01', 'F06.FR.04'],
    purpose:
      'TriggerMessage for the StatusNotification of one idle connector is accepted and answered with a StatusNotification for exactly that EVSE and connector, reporting Available.',
    fault: 'trigger-status-wrong-evse',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId, connectorId } = config.ids;
    await ctx.given('Booted');

    ctx.step('The harness sends TriggerMessage StatusNotification for the configured EVSE and connector; the station accepts');
    const since = mark(csms);
    const res = await csms.call(
      'TriggerMessage',
      { requestedMessage: 'StatusNotification', evse: { id: evseId, connectorId } },
      { requirement: 'F06.FR.01' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'F06.FR.01', 'TriggerMessageResponse.status');

    ctx.step('The station sends StatusNotification for that connector');
    const status = await expectAfter(csms, since, 'StatusNotification', { requirement: 'F06.FR.04' });

    ctx.step('It names the requested EVSE and connector and reports Available');
    check(
      status.payload.evseId === evseId && status.payload.connectorId === connectorId,
      'F06.FR.12',
      `evseId ${evseId}, connectorId ${connectorId}`,
      `evseId ${status.payload.evseId}, connectorId ${status.payload.connectorId}`,
    );
    ctx.expectOneOf(status.payload.connectorStatus, ['Available'], 'F06.FR.12', 'connectorStatus');
  },
);
