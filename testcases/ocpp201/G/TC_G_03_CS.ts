import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_03_CS',
    title: 'Change Availability EVSE - Operative to Inoperative',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'G',
    requirements: ['G03.FR.02', 'G03.FR.01'],
    purpose: 'An idle EVSE set Inoperative accepts the change and reports its connector Unavailable.',
    fault: 'availability-evse-no-status',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId } = config.ids;
    await ctx.given('Booted');

    ctx.step('The harness makes the configured EVSE Inoperative; the station accepts');
    const since = mark(csms);
    const res = await csms.call(
      'ChangeAvailability',
      { operationalStatus: 'Inoperative', evse: { id: evseId } },
      { requirement: 'G03.FR.01' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'G03.FR.01', 'ChangeAvailabilityResponse.status');

    ctx.step('The station reports the connector of that EVSE Unavailable');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => p.evseId === evseId && p.connectorStatus === 'Unavailable',
      whereText: `evseId ${evseId} connectorStatus Unavailable`,
      requirement: 'G03.FR.02',
    });

    ctx.step('The harness makes the EVSE Operative again');
    await csms.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: evseId } }, { requirement: 'G03.FR.01' });
  },
);
