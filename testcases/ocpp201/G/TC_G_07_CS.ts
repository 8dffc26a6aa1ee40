import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_07_CS',
    title: 'Change Availability Connector - Operative to Inoperative',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'G',
    requirements: ['G03.FR.04', 'G03.FR.02'],
    purpose: 'A single idle connector set Inoperative (EVSE and connector given) accepts the change and reports itself Unavailable.',
    fault: 'availability-connector-rejected',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId, connectorId } = config.ids;
    await ctx.given('Booted');

    ctx.step('The harness makes the configured connector Inoperative; the station accepts');
    const since = mark(csms);
    const res = await csms.call(
      'ChangeAvailability',
      { operationalStatus: 'Inoperative', evse: { id: evseId, connectorId } },
      { requirement: 'G03.FR.04' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'G03.FR.04', 'ChangeAvailabilityResponse.status');

    ctx.step('The station reports that connector Unavailable');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => p.evseId === evseId && p.connectorId === connectorId && p.connectorStatus === 'Unavailable',
      whereText: 'the configured connector Unavailable',
      requirement: 'G03.FR.02',
    });

    ctx.step('The harness makes the connector Operative again');
    await csms.call(
      'ChangeAvailability',
      { operationalStatus: 'Operative', evse: { id: evseId, connectorId } },
      { requirement: 'G03.FR.04' },
    );
  },
);
