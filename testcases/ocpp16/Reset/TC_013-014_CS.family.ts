import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { statusOf } from '../../../src/kit/index.js';

/** Reset of an idle charge point, Hard and Soft: the same scenario, the reset type apart. */
export default defineCaseFamily(
  [
    {
      id: 'TC_013_CS',
      title: 'Hard Reset Without Transaction',
      type: 'Hard',
      purpose:
        'An idle charge point told to reset Hard accepts, restarts, and registers again with BootNotification on a new connection, then reports its connectors.',
      fault: 'hard-reset-no-reboot',
    },
    {
      id: 'TC_014_CS',
      title: 'Soft Reset Without Transaction',
      type: 'Soft',
      purpose:
        'An idle charge point told to reset Soft accepts, restarts gracefully, and registers again with BootNotification on a new connection, then reports its connectors.',
      fault: 'soft-reset-rejected',
    },
  ],
  ({ type, ...row }) =>
    defineCase(
      { ...row, ocpp: '1.6', sut: 'cs', block: 'Reset', requirements: ['OCPP16-5.14', 'OCPP16-4.2', 'OCPP16-4.9'] },
      async (ctx) => {
        const { csms, config } = ctx;
        await ctx.given('Booted');
        const oldConn = csms.connection;

        ctx.step(`The harness sends Reset ${type}; the charge point accepts it`);
        const res = await csms.call('Reset', { type }, { requirement: 'OCPP16-5.14' });
        ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.14', 'Reset.conf status');

        ctx.step('The charge point restarts and sends BootNotification again');
        const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'OCPP16-5.14' });
        check(
          boot.conn !== oldConn,
          'OCPP16-5.14',
          'BootNotification on a new connection after the restart',
          'BootNotification on the connection that received the Reset',
        );

        ctx.step('The harness accepts the boot');
        await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

        ctx.step(`The charge point reports connector ${config.ids.connectorId} Available`);
        await csms.expectCall('StatusNotification', { ...statusOf(config.ids.connectorId, 'Available'), requirement: 'OCPP16-4.9' });
      },
    ),
);
