import { defineCase } from '../../../src/dsl.js';
import { expectNoResend, operatorSends } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_N_44_CSMS',
    title: 'Clear Monitoring - Rejected',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'N',
    profiles: ['Advanced Device Management'],
    features: ['AdvancedDeviceManagement'],
    requirements: ['N06.FR.01'],
    purpose:
      'The operator clears a monitor the station refuses to remove; the CSMS names it in ClearVariableMonitoringRequest and takes the Rejected result as final.',
    fault: 'clearmonitoring-rejected-resent',
  },
  async (ctx) => {
    const monitorId = 7;
    await ctx.given('Booted');

    ctx.step(`The operator clears monitor ${monitorId}`);
    const req = await operatorSends(
      ctx,
      'ClearVariableMonitoring',
      { monitorIds: [monitorId] },
      `Make the CSMS clear monitor ${monitorId} of the station`,
      'N06.FR.01',
    );
    ctx.expectOneOf(req.payload.id.join(','), [String(monitorId)], 'N06.FR.01', 'ClearVariableMonitoringRequest.id');

    ctx.step('The station refuses to clear it; the CSMS does not send the request again');
    await ctx.station.reply(req, { clearMonitoringResult: [{ id: monitorId, status: 'Rejected' }] });
    await expectNoResend(ctx, 'ClearVariableMonitoring', 'N06.FR.01');
  },
);
