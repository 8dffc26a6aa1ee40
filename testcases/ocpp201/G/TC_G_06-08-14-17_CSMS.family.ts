import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

/**
 * Change availability of the whole station or of one connector (G03, G04): the operator makes
 * the CSMS send ChangeAvailability for exactly the chosen target and status. Back to Operative
 * the station reports the connector Available; during a transaction the station answers
 * Scheduled, which the CSMS takes without repeating the request, and the change applies when the
 * transaction ends. TC_G_03/04/05/07/11_CSMS are the EVSE-level and first-direction siblings.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_G_06_CSMS',
      title: 'Change Availability Charging Station - Inoperative to Operative',
      scope: 'station',
      withTx: false,
      requirements: ['G04.FR.01', 'G04.FR.03'],
      purpose:
        'When an operator puts an Inoperative station back in service, the CSMS sends ChangeAvailabilityRequest Operative without evse, and takes the connectors reported Available again.',
      fault: 'availability-operative-inverted',
    },
    {
      id: 'TC_G_08_CSMS',
      title: 'Change Availability Connector - Inoperative to Operative',
      scope: 'connector',
      withTx: false,
      requirements: ['G03.FR.01', 'G03.FR.04'],
      purpose:
        'When an operator puts an Inoperative connector back in service, the CSMS sends ChangeAvailabilityRequest Operative naming its EVSE and connector, and takes the connector reported Available again.',
      fault: 'availability-operative-inverted',
    },
    {
      id: 'TC_G_14_CSMS',
      title: 'Change Availability Charging Station - With ongoing transaction',
      scope: 'station',
      withTx: true,
      requirements: ['G04.FR.01', 'G03.FR.03', 'G03.FR.06'],
      purpose:
        'When an operator takes a station with a charging transaction out of service, the CSMS sends ChangeAvailabilityRequest Inoperative without evse, takes the Scheduled answer without repeating the request, and takes the Unavailable status once the transaction has ended.',
      fault: 'availability-scheduled-retry',
    },
    {
      id: 'TC_G_17_CSMS',
      title: 'Change Availability Connector - With ongoing transaction',
      scope: 'connector',
      withTx: true,
      requirements: ['G03.FR.01', 'G03.FR.03', 'G03.FR.06'],
      purpose:
        'When an operator takes a connector with a charging transaction out of service, the CSMS sends ChangeAvailabilityRequest Inoperative naming its EVSE and connector, takes the Scheduled answer without repeating the request, and takes the Unavailable status once the transaction has ended.',
      fault: 'availability-scheduled-retry',
    },
  ] as const,
  ({ scope, withTx, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'G', profiles: ['Core'] }, async (ctx) => {
      const { station, config } = ctx;
      const { evseId, connectorId } = config.ids;
      const status = withTx ? 'Inoperative' : 'Operative';
      const req1 = scope === 'station' ? 'G04.FR.01' : 'G03.FR.01';
      const target = scope === 'station' ? {} : { evseId, connectorId };
      const what = scope === 'station' ? 'the whole station' : `connector ${connectorId} of EVSE ${evseId}`;

      if (withTx) {
        ctx.step('A transaction is charging on the configured EVSE');
        await ctx.given('EnergyTransferStarted');
      } else {
        ctx.step(`${what} has been made Unavailable by the CSMS`);
        await ctx.given('Unavailable', { scope });
      }

      ctx.step(`The operator asks the CSMS to set ${what} ${status}`);
      await ctx.manual(
        'csmsSend',
        { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: status, ...target },
        `Make the CSMS set ${what} ${status}`,
      );

      ctx.step(`The CSMS sends ChangeAvailabilityRequest ${status} for ${what}`);
      const req = await station.expectCall('ChangeAvailability', { requirement: req1 });
      ctx.expectOneOf(req.payload.operationalStatus, [status], req1, 'ChangeAvailabilityRequest.operationalStatus');
      const got = req.payload.evse;
      const shown = got ? JSON.stringify(got) : 'absent';
      // A station-wide change has no evse (evse id 0 would also mean the station, but G04 sends none).
      if (scope === 'station') check(got === undefined, 'G04.FR.01', 'no evse (the whole station)', `evse ${shown}`);
      else
        check(
          got?.id === evseId && got.connectorId === connectorId,
          'G03.FR.01',
          `evse ${evseId}, connector ${connectorId}`,
          `evse ${shown}`,
        );

      if (!withTx) {
        await station.reply(req, { status: 'Accepted' });
        ctx.step('The station reports the connector Available');
        await connectorStatus(ctx, 'Available', requirements[1]);
        return;
      }
      await station.reply(req, { status: 'Scheduled' });
      ctx.step('The CSMS does not repeat the request while the transaction is running');
      await station.expectNoCall('ChangeAvailability', { within: config.timeouts.silenceMs, requirement: 'G03.FR.03' });
      ctx.step('The transaction is stopped and the EV unplugged; the connector then becomes Unavailable');
      await ctx.given('StopAuthorized');
      await ctx.given('EVDisconnected', { connectorStatus: 'Unavailable' });
    }),
);
