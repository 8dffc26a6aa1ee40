import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_061_CSMS',
    title: 'Clear Authorization Data in Authorization Cache',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Cache',
    requirements: ['OCPP16-5.4'],
    purpose:
      'An operator clears the authorization cache of a charge point: the central system sends ClearCache and takes the Accepted answer.',
    fault: 'clearcache-not-sent',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator clears the authorization cache: the central system sends ClearCache');
    await ctx.manual(
      'csmsSend',
      { message: 'ClearCache', stationId: config.stationId },
      `Make the central system send ClearCache to ${config.stationId}.`,
    );
    const req = await station.expectCall('ClearCache', { requirement: 'OCPP16-5.4' });

    ctx.step('The charge point empties its cache and answers Accepted');
    await station.reply(req, { status: 'Accepted' });
  },
);
