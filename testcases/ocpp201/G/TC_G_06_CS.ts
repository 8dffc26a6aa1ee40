import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_06_CS',
    title: 'Change Availability Charging Station - Inoperative to Operative',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'G',
    requirements: ['G04.FR.03', 'G04.FR.01', 'G04.FR.02'],
    purpose: 'An Inoperative station set back to Operative as a whole accepts the change and reports its connectors Available again.',
    fault: 'availability-station-operative-no-status',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId, connectorId } = config.ids;
    const ours = (p: { evseId?: number; connectorId?: number }) => p.evseId === evseId && p.connectorId === connectorId;
    await ctx.given('Booted');

    ctx.step('Precondition: the harness makes the whole station Inoperative; it reports Unavailable');
    let since = mark(csms);
    const off = await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative' }, { requirement: 'G04.FR.01' });
    ctx.expectOneOf(off.status, ['Accepted'], 'G04.FR.01', 'ChangeAvailabilityResponse.status (Inoperative)');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => ours(p) && p.connectorStatus === 'Unavailable',
      whereText: 'connectorStatus Unavailable',
      requirement: 'G04.FR.02',
    });

    ctx.step('The harness makes the station Operative; the station accepts');
    since = mark(csms);
    const on = await csms.call('ChangeAvailability', { operationalStatus: 'Operative' }, { requirement: 'G04.FR.01' });
    ctx.expectOneOf(on.status, ['Accepted'], 'G04.FR.01', 'ChangeAvailabilityResponse.status (Operative)');

    ctx.step('The station reports the configured connector Available again');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => ours(p) && p.connectorStatus === 'Available',
      whereText: 'connectorStatus Available',
      requirement: 'G04.FR.03',
    });
  },
);
