import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_12_CSMS',
    title: 'Get Base Report - ConfigurationInventory',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B07.FR.01', 'B07.FR.08'],
    purpose:
      'When an operator requests the configuration inventory, the CSMS sends GetBaseReportRequest for ConfigurationInventory with a request id, and acknowledges the NotifyReportRequest that follows.',
    features: ['C-17'],
    fault: 'basereport-wrong-base',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS for the ConfigurationInventory report');
    await ctx.manual(
      'csmsSend',
      { message: 'GetBaseReport', stationId: config.stationId, reportBase: 'ConfigurationInventory' },
      'Make the CSMS request the ConfigurationInventory base report from the station',
    );

    ctx.step('The CSMS sends GetBaseReportRequest with reportBase ConfigurationInventory');
    const req = await station.expectCall('GetBaseReport', { requirement: 'B07.FR.01' });
    ctx.expectOneOf(req.payload.reportBase, ['ConfigurationInventory'], 'B07.FR.01', 'GetBaseReportRequest.reportBase');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station sends the report; the CSMS acknowledges it');
    await station.call(
      'NotifyReport',
      {
        requestId: req.payload.requestId,
        generatedAt: ctx.nowIso(),
        seqNo: 0,
        tbc: false,
        reportData: [
          {
            component: { name: 'OCPPCommCtrlr' },
            variable: { name: 'OfflineThreshold' },
            variableAttribute: [{ type: 'Actual', value: '60', mutability: 'ReadWrite' }],
          },
        ],
      },
      { requirement: 'B07.FR.08' },
    );
  },
);
