import { defineCase, defineCaseFamily } from '../../../src/dsl.js';

/**
 * Get base report in one part (B07): the operator asks for one base report; the CSMS sends
 * GetBaseReportRequest for exactly it with a request id and acknowledges the NotifyReportRequest
 * that follows. TC_B_13_CSMS (FullInventory in several parts) is the sibling outside this table.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_B_12_CSMS',
      title: 'Get Base Report - ConfigurationInventory',
      reportBase: 'ConfigurationInventory',
      what: 'the configuration inventory',
      features: ['C-17'],
      profiles: ['Core'],
      // One configurable variable with its value.
      entry: {
        component: { name: 'OCPPCommCtrlr' },
        variable: { name: 'OfflineThreshold' },
        variableAttribute: [{ type: 'Actual', value: '60', mutability: 'ReadWrite' }],
      },
    },
    {
      id: 'TC_B_14_CSMS',
      title: 'Get Base Report - SummaryInventory',
      reportBase: 'SummaryInventory',
      what: 'the summary inventory (availability and problems of the components)',
      features: [],
      profiles: ['Advanced Device Management'],
      entry: {
        component: { name: 'EVSE', evse: { id: 1 } },
        variable: { name: 'AvailabilityState' },
        variableAttribute: [{ type: 'Actual', value: 'Available', mutability: 'ReadOnly' }],
      },
    },
  ] as const,
  ({ reportBase, what, entry, features, profiles, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'B',
        features: [...features],
        profiles: [...profiles],
        requirements: ['B07.FR.01', 'B07.FR.08'],
        purpose: `When an operator requests ${what}, the CSMS sends GetBaseReportRequest for ${reportBase} with a request id, and acknowledges the NotifyReportRequest that follows.`,
        fault: 'basereport-wrong-base',
      },
      async (ctx) => {
        const { station, config } = ctx;

        ctx.step('The station is booted and idle');
        await ctx.given('Booted');

        ctx.step(`The operator asks the CSMS for the ${reportBase} report`);
        await ctx.manual(
          'csmsSend',
          { message: 'GetBaseReport', stationId: config.stationId, reportBase },
          `Make the CSMS request the ${reportBase} base report from the station`,
        );

        ctx.step(`The CSMS sends GetBaseReportRequest with reportBase ${reportBase}`);
        const req = await station.expectCall('GetBaseReport', { requirement: 'B07.FR.01' });
        ctx.expectOneOf(req.payload.reportBase, [reportBase], 'B07.FR.01', 'GetBaseReportRequest.reportBase');
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
                component: 'evse' in entry.component ? { name: entry.component.name, evse: { id: config.ids.evseId } } : entry.component,
                variable: entry.variable,
                variableAttribute: entry.variableAttribute.map((a) => ({ ...a })),
              },
            ],
          },
          { requirement: 'B07.FR.08' },
        );
      },
    ),
);
