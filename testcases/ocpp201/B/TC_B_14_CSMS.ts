import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_14_CSMS',
    title: 'Get Base Report - SummaryInventory',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    profiles: ['Advanced Device Management'],
    requirements: ['B07.FR.01', 'B07.FR.08'],
    purpose:
      'When an operator requests the summary inventory, the CSMS sends GetBaseReportRequest for SummaryInventory with a request id, and acknowledges the NotifyReportRequest that follows.',
    fault: 'basereport-wrong-base',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS for the SummaryInventory report');
    await ctx.manual(
      'csmsSend',
      { message: 'GetBaseReport', stationId: config.stationId, reportBase: 'SummaryInventory' },
      'Make the CSMS request the SummaryInventory base report from the station',
    );

    ctx.step('The CSMS sends GetBaseReportRequest with reportBase SummaryInventory');
    const req = await station.expectCall('GetBaseReport', { requirement: 'B07.FR.01' });
    ctx.expectOneOf(req.payload.reportBase, ['SummaryInventory'], 'B07.FR.01', 'GetBaseReportRequest.reportBase');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station sends the summary (availability and problems of its components); the CSMS acknowledges it');
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
