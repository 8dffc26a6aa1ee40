import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { bootNotification16, statusNotification16 } from '../../../src/kit/index.js';

/** An operator resets an idle charge point, Hard or Soft: the same scenario, the reset type apart. */
export default defineCaseFamily(
  [
    {
      id: 'TC_013_CSMS',
      title: 'Hard Reset Without transaction',
      type: 'Hard',
      purpose:
        'An operator asks for a hard reset of an idle charge point: the central system sends Reset with type Hard, and accepts the charge point again when it boots after the restart.',
      fault: 'reset-hard-as-soft',
    },
    {
      id: 'TC_014_CSMS',
      title: 'Soft Reset Without transaction',
      type: 'Soft',
      purpose:
        'An operator asks for a soft reset of an idle charge point: the central system sends Reset with type Soft, and accepts the charge point again when it boots after the restart.',
      fault: 'reset-soft-as-hard',
    },
  ],
  ({ type, ...row }) =>
    defineCase({ ...row, ocpp: '1.6', sut: 'csms', block: 'Reset', requirements: ['OCPP16-5.14', 'OCPP16-4.2'] }, async (ctx) => {
      const { station, config } = ctx;
      await ctx.given('Booted');

      ctx.step(`The operator asks for a ${type} reset: the central system sends Reset`);
      await ctx.manual(
        'csmsSend',
        { message: 'Reset', stationId: config.stationId, type },
        `Make the central system send a ${type} Reset to ${config.stationId}.`,
      );
      const req = await station.expectCall('Reset', { requirement: 'OCPP16-5.14' });
      ctx.expectOneOf(req.payload.type, [type], 'OCPP16-5.14', 'Reset.req type');

      ctx.step('The charge point accepts the reset and restarts, closing its connection');
      await station.reply(req, { status: 'Accepted' });
      station.close(1000, 'restarting');

      ctx.step('After the restart the charge point reconnects and boots: the central system accepts it');
      await station.connect({ requirement: 'OCPP16-4.2' });
      const boot = await station.call('BootNotification', bootNotification16(), { requirement: 'OCPP16-4.2' });
      ctx.expectOneOf(boot.status, ['Accepted'], 'OCPP16-4.2', 'BootNotification.conf status after the reset');

      ctx.step('The charge point reports its connectors Available again');
      await statusNotification16(ctx, 'Available', 0);
      await statusNotification16(ctx, 'Available', config.ids.connectorId);
    }),
);
