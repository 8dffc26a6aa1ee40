import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  changeAvailability201,
  expectAfter,
  mark,
  onOurConnector,
  operativeAfterCase,
  type AvailabilityScope,
} from '../../../src/kit/index.js';

/**
 * Change availability persists over a reboot: the harness makes the EVSE, the connector or the
 * whole station Inoperative, the station is power-cycled, and after its new boot the configured
 * connector comes back Unavailable. The harness makes it Operative again at case end.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_G_18_CS',
      title: 'Change Availability EVSE - Persists reboot',
      scope: 'evse',
      requirements: ['G03.FR.07', 'G03.FR.01', 'G03.FR.02'],
      purpose: 'An EVSE set Inoperative stays Inoperative over a power cycle: after booting again its connector reports Unavailable.',
    },
    {
      id: 'TC_G_19_CS',
      title: 'Change Availability Connector - Persists reboot',
      scope: 'connector',
      requirements: ['G03.FR.07', 'G03.FR.01', 'G03.FR.04'],
      purpose: 'A connector set Inoperative stays Inoperative over a power cycle: after booting again it reports Unavailable.',
    },
    {
      id: 'TC_G_21_CS',
      title: 'Change Availability Charging Station - Persists reboot',
      scope: 'station',
      requirements: ['G04.FR.06', 'G04.FR.01', 'G04.FR.02'],
      purpose:
        'A station set Inoperative as a whole stays Inoperative over a power cycle: after booting again its connector reports Unavailable.',
    },
  ] as { id: string; title: string; scope: AvailabilityScope; requirements: [string, string, string]; purpose: string }[],
  ({ scope, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'G', fault: 'availability-lost-on-reboot' }, async (ctx) => {
      const { csms, config } = ctx;
      const [persists, answered, shown] = row.requirements;
      await ctx.given('Booted');

      ctx.step(`The harness makes the ${scope} Inoperative; the station accepts and reports the connector Unavailable`);
      operativeAfterCase(ctx, scope);
      const status = await changeAvailability201(ctx, scope, 'Inoperative', answered, shown);
      ctx.expectOneOf(status, ['Accepted'], answered, 'ChangeAvailabilityResponse.status');

      ctx.step('The station is power-cycled and registers again');
      const since = mark(csms);
      await ctx.manual('reboot', {}, 'Power-cycle the charging station (switch it off and on again).');
      const boot = await expectAfter(csms, since, 'BootNotification', { within: ctx.waits.reconnect, requirement: 'B01.FR.01' });
      await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

      ctx.step('After the reboot the configured connector reports Unavailable, not Available');
      const report = await expectAfter(csms, since, 'StatusNotification', {
        where: (p) => onOurConnector(ctx, p),
        whereText: 'the configured connector',
        requirement: persists,
      });
      ctx.expectOneOf(report.payload.connectorStatus, ['Unavailable'], persists, 'connectorStatus after the reboot');
    }),
);
