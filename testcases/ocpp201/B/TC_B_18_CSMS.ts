import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_18_CSMS',
    title: 'Get Custom Report - with component criteria and component/variable',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    profiles: ['Advanced Device Management'],
    requirements: ['B08.FR.01', 'B07.FR.08'],
    purpose:
      'Asked for a report of the available EVSE components and their AvailabilityState, the CSMS sends GetReportRequest with a requestId, componentCriteria Available and that component/variable pair, and acknowledges the NotifyReportRequest that follows.',
    fault: 'getreport-criteria-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS for a custom report: available components, EVSE AvailabilityState');
    await ctx.manual(
      'csmsSend',
      {
        message: 'GetReport',
        stationId: config.stationId,
        componentCriteria: ['Available'],
        component: 'EVSE',
        variable: 'AvailabilityState',
      },
      'Make the CSMS request a custom report with componentCriteria Available for component EVSE, variable AvailabilityState',
    );

    ctx.step('The CSMS sends GetReportRequest with both the criteria and the component/variable pair');
    const req = await station.expectCall('GetReport', { requirement: 'B08.FR.01' });
    const criteria = req.payload.componentCriteria ?? [];
    check(
      criteria.length === 1 && criteria[0] === 'Available',
      'B08.FR.01',
      'componentCriteria [Available]',
      JSON.stringify(req.payload.componentCriteria ?? 'absent'),
    );
    const pairs = req.payload.componentVariable ?? [];
    check(
      pairs.some((cv) => cv.component.name === 'EVSE' && cv.variable?.name === 'AvailabilityState'),
      'B08.FR.01',
      'componentVariable EVSE / AvailabilityState',
      JSON.stringify(req.payload.componentVariable ?? 'absent'),
    );
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station sends the matching report; the CSMS acknowledges it');
    await station.call(
      'NotifyReport',
      {
        requestId: req.payload.requestId,
        generatedAt: ctx.nowIso(),
        seqNo: 0,
        tbc: false,
        reportData: [
          {
            component: { name: 'EVSE', evse: { id: config.ids.evseId } },
            variable: { name: 'AvailabilityState' },
            variableAttribute: [{ type: 'Actual', value: 'Available', mutability: 'ReadOnly' }],
          },
        ],
      },
      { requirement: 'B07.FR.08' },
    );
  },
);
