import { defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import {
  changeAvailability201,
  expectAfter,
  idleStatus,
  mark,
  onOurConnector,
  operativeAfterCase,
  type AvailabilityScope,
  type OperationalStatus,
} from '../../../src/kit/index.js';

/**
 * Change availability of an idle station, EVSE or connector from one operational status to
 * another (G03 for an EVSE or connector, G04 for the whole station). A change to the status it
 * already has is accepted and leaves the connector as it was; whether the station repeats its
 * current status in a StatusNotification is its choice, so only a report of the other status
 * fails. TC_G_03 to TC_G_07 (the other changes) are single cases beside these.
 */
type Row = {
  id: string;
  title: string;
  scope: AvailabilityScope;
  from: OperationalStatus;
  to: OperationalStatus;
  /** Requirements: the answer, then what the connector shows afterwards. */
  requirements: [string, string];
  purpose: string;
  fault: FaultOf<'2.0.1', 'cs'>;
};

const same = (scope: AvailabilityScope, status: OperationalStatus): Omit<Row, 'id' | 'title' | 'purpose' | 'fault'> => ({
  scope,
  from: status,
  to: status,
  requirements: [scope === 'station' ? 'G04.FR.07' : 'G03.FR.08', scope === 'station' ? 'G04.FR.01' : 'G03.FR.01'],
});

export default defineCaseFamily(
  [
    {
      id: 'TC_G_08_CS',
      title: 'Change Availability Connector - Inoperative to Operative',
      scope: 'connector',
      from: 'Inoperative',
      to: 'Operative',
      requirements: ['G03.FR.01', 'G03.FR.03'],
      purpose:
        'An Inoperative connector set back to Operative (EVSE and connector given) accepts the change and reports itself Available again.',
      fault: 'availability-connector-operative-no-status',
    },
    {
      id: 'TC_G_09_CS',
      title: 'Change Availability EVSE - Operative to Operative',
      ...same('evse', 'Operative'),
      purpose: 'An Operative EVSE told to become Operative accepts and stays Available.',
      fault: 'availability-evse-same-state-rejected',
    },
    {
      id: 'TC_G_10_CS',
      title: 'Change Availability EVSE - Inoperative to Inoperative',
      ...same('evse', 'Inoperative'),
      purpose: 'An Inoperative EVSE told to become Inoperative again accepts and stays Unavailable.',
      fault: 'availability-evse-same-state-rejected',
    },
    {
      id: 'TC_G_12_CS',
      title: 'Change Availability Charging Station - Operative to Operative',
      ...same('station', 'Operative'),
      purpose: 'An Operative station told to become Operative as a whole accepts and its connector stays Available.',
      fault: 'availability-station-same-state-rejected',
    },
    {
      id: 'TC_G_13_CS',
      title: 'Change Availability Charging Station - Inoperative to Inoperative',
      ...same('station', 'Inoperative'),
      purpose: 'An Inoperative station told to become Inoperative again as a whole accepts and its connector stays Unavailable.',
      fault: 'availability-station-same-state-rejected',
    },
    {
      id: 'TC_G_15_CS',
      title: 'Change Availability Connector - Operative to Operative',
      ...same('connector', 'Operative'),
      purpose: 'An Operative connector told to become Operative accepts and stays Available.',
      fault: 'availability-connector-same-state-rejected',
    },
    {
      id: 'TC_G_16_CS',
      title: 'Change Availability Connector - Inoperative to Inoperative',
      ...same('connector', 'Inoperative'),
      purpose: 'An Inoperative connector told to become Inoperative again accepts and stays Unavailable.',
      fault: 'availability-connector-same-state-rejected',
    },
  ] as Row[],
  ({ scope, from, to, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'G' }, async (ctx) => {
      const { csms, config } = ctx;
      const [answered, shown] = row.requirements;
      const setFirst = scope === 'station' ? 'G04.FR.01' : 'G03.FR.01';
      await ctx.given('Booted');

      if (from === 'Inoperative') {
        ctx.step(`Precondition: the harness makes the ${scope} Inoperative; the connector reports Unavailable`);
        operativeAfterCase(ctx, scope);
        const first = await changeAvailability201(ctx, scope, 'Inoperative', setFirst, scope === 'station' ? 'G04.FR.02' : 'G03.FR.02');
        ctx.expectOneOf(first, ['Accepted'], setFirst, 'ChangeAvailabilityResponse.status (precondition)');
      }

      ctx.step(`The harness makes the ${scope} ${to}; the station accepts`);
      const since = mark(csms);
      const status = await changeAvailability201(ctx, scope, to, answered);
      ctx.expectOneOf(status, ['Accepted'], answered, 'ChangeAvailabilityResponse.status');

      if (from !== to) {
        ctx.step(`The configured connector reports ${idleStatus(to)}`);
        await expectAfter(csms, since, 'StatusNotification', {
          where: (p) => onOurConnector(ctx, p) && p.connectorStatus === idleStatus(to),
          whereText: `the configured connector ${idleStatus(to)}`,
          requirement: shown,
        });
        return;
      }
      ctx.step(
        `The connector stays ${idleStatus(to)}: it is not reported ${idleStatus(from === 'Operative' ? 'Inoperative' : 'Operative')}`,
      );
      const other = from === 'Operative' ? 'Unavailable' : 'Available';
      await csms.expectNoCall('StatusNotification', {
        within: config.timeouts.silenceMs,
        where: (p) => onOurConnector(ctx, p) && p.connectorStatus === other,
        whereText: `the configured connector ${other}`,
        requirement: answered,
      });
    }),
);
