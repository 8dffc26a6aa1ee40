import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectNoResend, operatorSends } from '../../../src/kit/index.js';

/** The operator sets the monitoring level 4; the station accepts it, or refuses it as out of its range. */
export default defineCaseFamily(
  [
    { id: 'TC_N_16_CSMS', title: 'Set Monitoring Level - Success', status: 'Accepted', fault: 'monitoringlevel-default-severity' },
    { id: 'TC_N_17_CSMS', title: 'Set Monitoring Level - Out of range', status: 'Rejected', fault: 'monitoringlevel-rejected-resent' },
  ] as const,
  ({ status, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'N',
        profiles: ['Advanced Device Management'],
        features: ['AdvancedDeviceManagement'],
        requirements: status === 'Accepted' ? ['N05.FR.01'] : ['N05.FR.01', 'N05.FR.02'],
        purpose: `The operator sets the monitoring level to severity 4: the CSMS sends SetMonitoringLevelRequest severity 4${status === 'Rejected' ? ' and takes the Rejected answer as final' : ''}.`,
      },
      async (ctx) => {
        await ctx.given('Booted');

        ctx.step('The operator sets the monitoring level to severity 4');
        const req = await operatorSends(
          ctx,
          'SetMonitoringLevel',
          { severity: 4 },
          'Make the CSMS set the monitoring level to severity 4',
          'N05.FR.01',
        );
        ctx.expectOneOf(req.payload.severity, [4], 'N05.FR.01', 'SetMonitoringLevelRequest.severity');

        ctx.step(`The station answers ${status}`);
        await ctx.station.reply(req, { status });
        if (status === 'Rejected') await expectNoResend(ctx, 'SetMonitoringLevel', 'N05.FR.02');
      },
    ),
);
