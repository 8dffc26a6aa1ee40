import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_017_1_CS',
    title: 'Unlock Connector - No Charging Session Running (Not Fixed Cable)',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Unlock',
    requirements: ['OCPP16-5.18'],
    purpose:
      'A charge point with a detachable cable releases the connector lock when the central system asks, while no transaction runs, and answers Unlocked.',
    fault: 'unlock-not-supported',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step(`The harness sends UnlockConnector for connector ${connectorId}`);
    const res = await csms.call('UnlockConnector', { connectorId }, { requirement: 'OCPP16-5.18' });

    ctx.step('The charge point unlocks the connector and answers Unlocked');
    ctx.expectOneOf(res.status, ['Unlocked'], 'OCPP16-5.18', 'UnlockConnector.conf status');

    ctx.step('No transaction is started or stopped by the unlock');
    await csms.expectNoCall('StopTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-5.18' });
  },
);
