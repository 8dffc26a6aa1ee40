import { defineCase, type RequestOf } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_13_CSMS',
    title: 'Get Base Report - FullInventory',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B07.FR.08', 'B07.FR.01'],
    purpose:
      'When an operator requests the full inventory, the CSMS sends GetBaseReportRequest for FullInventory and acknowledges every part of a report that spans several NotifyReportRequests.',
    features: ['C-50'],
    fault: 'notifyreport-tbc-error',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS for the FullInventory report');
    await ctx.manual(
      'csmsSend',
      { message: 'GetBaseReport', stationId: config.stationId, reportBase: 'FullInventory' },
      'Make the CSMS request the FullInventory base report from the station',
    );

    ctx.step('The CSMS sends GetBaseReportRequest with reportBase FullInventory');
    const req = await station.expectCall('GetBaseReport', { requirement: 'B07.FR.01' });
    ctx.expectOneOf(req.payload.reportBase, ['FullInventory'], 'B07.FR.01', 'GetBaseReportRequest.reportBase');
    await station.reply(req, { status: 'Accepted' });

    const part = (
      seqNo: number,
      tbc: boolean,
      component: string,
      variable: string,
      value: string,
      dataType: 'integer' | 'boolean',
    ): RequestOf<'2.0.1', 'NotifyReport'> => ({
      requestId: req.payload.requestId,
      generatedAt: ctx.nowIso(),
      seqNo,
      tbc,
      reportData: [
        {
          component: { name: component },
          variable: { name: variable },
          variableAttribute: [{ type: 'Actual', value, mutability: 'ReadWrite' }],
          variableCharacteristics: { dataType, supportsMonitoring: false },
        },
      ],
    });

    ctx.step('The station sends the first part of the report (more to follow); the CSMS acknowledges it');
    await station.call('NotifyReport', part(0, true, 'OCPPCommCtrlr', 'OfflineThreshold', '60', 'integer'), { requirement: 'B07.FR.08' });

    ctx.step('The station sends the last part of the report; the CSMS acknowledges it');
    await station.call('NotifyReport', part(1, false, 'AuthCtrlr', 'AuthorizeRemoteStart', 'false', 'boolean'), {
      requirement: 'B07.FR.08',
    });
  },
);
