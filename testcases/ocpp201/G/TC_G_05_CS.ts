import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_05_CS',
    title: 'Change Availability Charging Station - Operative to Inoperative',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'G',
    requirements: ['G04.FR.01', 'G04.FR.02'],
    purpose: 'An idle station set Inoperative as a whole (no EVSE given) accepts the change and reports every connector Unavailable.',
    fault: 'availability-station-rejected',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness makes the whole station Inoperative; the station accepts');
    const since = mark(csms);
    const res = await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative' }, { requirement: 'G04.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'G04.FR.01', 'ChangeAvailabilityResponse.status');

    ctx.step('The station reports the configured connector Unavailable');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => p.evseId === config.ids.evseId && p.connectorId === config.ids.connectorId && p.connectorStatus === 'Unavailable',
      whereText: 'the configured connector Unavailable',
      requirement: 'G04.FR.02',
    });

    ctx.step('The harness makes the station Operative again');
    await csms.call('ChangeAvailability', { operationalStatus: 'Operative' }, { requirement: 'G04.FR.01' });
  },
);
