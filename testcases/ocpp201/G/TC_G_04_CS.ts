import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_04_CS',
    title: 'Change Availability EVSE - Inoperative to Operative',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'G',
    requirements: ['G03.FR.03', 'G03.FR.01', 'G03.FR.02'],
    purpose: 'An Inoperative EVSE set back to Operative accepts the change and reports its connector Available again.',
    fault: 'availability-evse-stays-unavailable',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId } = config.ids;
    await ctx.given('Booted');

    ctx.step('Precondition: the harness makes the configured EVSE Inoperative; it reports Unavailable');
    let since = mark(csms);
    const off = await csms.call(
      'ChangeAvailability',
      { operationalStatus: 'Inoperative', evse: { id: evseId } },
      { requirement: 'G03.FR.01' },
    );
    ctx.expectOneOf(off.status, ['Accepted'], 'G03.FR.01', 'ChangeAvailabilityResponse.status (Inoperative)');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => p.evseId === evseId && p.connectorStatus === 'Unavailable',
      whereText: 'connectorStatus Unavailable',
      requirement: 'G03.FR.02',
    });

    ctx.step('The harness makes the EVSE Operative; the station accepts');
    since = mark(csms);
    const on = await csms.call(
      'ChangeAvailability',
      { operationalStatus: 'Operative', evse: { id: evseId } },
      { requirement: 'G03.FR.01' },
    );
    ctx.expectOneOf(on.status, ['Accepted'], 'G03.FR.01', 'ChangeAvailabilityResponse.status (Operative)');

    ctx.step('The station reports the connector Available again');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => p.evseId === evseId && p.connectorStatus === 'Available',
      whereText: 'connectorStatus Available',
      requirement: 'G03.FR.03',
    });
  },
);
