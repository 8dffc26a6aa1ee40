import { defineCase } from '../../../src/dsl.js';
import { collectReport } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_15_CS',
    title: 'Get Base Report - Not Supported base report',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B07.FR.12'],
    purpose:
      'A station without the optional SummaryInventory report answers a request for it with NotSupported and sends no report. A station that does support it (PICS C-56) is not what this case tests: it is not-applicable there.',
    fault: 'base-report-unsupported-rejected',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const requestId = 1 + (Math.floor(ctx.clock.now() / 1000) % 100_000);

    ctx.step('The harness asks for the SummaryInventory base report');
    const res = await csms.call('GetBaseReport', { requestId, reportBase: 'SummaryInventory' }, { requirement: 'B07.FR.12' });
    if (res.status === 'Accepted') {
      // The station has the optional report: read it so no page is left for the next case.
      const report = await collectReport(ctx, requestId);
      ctx.notApplicable(
        `the station supports the SummaryInventory report (${report.entries.length} variable(s)); this case needs one that does not`,
      );
    }

    ctx.step('The station answers NotSupported');
    ctx.expectOneOf(res.status, ['NotSupported'], 'B07.FR.12', 'GetBaseReportResponse.status');

    ctx.step('No NotifyReport follows for the refused request');
    await csms.expectNoCall('NotifyReport', {
      within: config.timeouts.silenceMs,
      where: (p) => p.requestId === requestId,
      whereText: `requestId ${requestId}`,
      requirement: 'B07.FR.12',
    });
  },
);
