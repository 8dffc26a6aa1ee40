import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { actualAttribute, collectReport } from '../../../src/kit/index.js';

/**
 * Get Base Report, ConfigurationInventory and FullInventory: the station accepts, then sends its
 * device model as a NotifyReport sequence (requestId of the request, seqNo from 0, tbc until the
 * last page). How many pages, and in which order the variables come, is the station's choice.
 * SummaryInventory (TC_B_14_CS) is optional and not part of this family.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_B_12_CS',
      title: 'Get Base Report - ConfigurationInventory',
      reportBase: 'ConfigurationInventory',
      purpose:
        'Asked for its configuration inventory, the station sends the variables the CSMS can set as one correctly numbered NotifyReport sequence, without read-only variables and without the values of write-only ones.',
      fault: 'notifyreport-seqno-from-1',
    },
    {
      id: 'TC_B_13_CS',
      title: 'Get Base Report - FullInventory',
      reportBase: 'FullInventory',
      purpose:
        'Asked for its full inventory, the station sends its whole device model as one NotifyReport sequence carrying the request id, without the values of write-only variables.',
      fault: 'notifyreport-wrong-requestid',
    },
  ] as const,
  ({ reportBase, ...row }) =>
    defineCase(
      { ...row, ocpp: '2.0.1', sut: 'cs', block: 'B', requirements: ['B07.FR.02', 'B07.FR.04', 'B07.FR.10', 'B07.FR.07', 'B07.FR.03'] },
      async (ctx) => {
        const { csms } = ctx;
        await ctx.given('Booted');
        // A request id of this run, so a page of some earlier report cannot pass for this one.
        const requestId = 1 + (Math.floor(ctx.clock.now() / 1000) % 100_000);

        ctx.step(`The harness asks for the ${reportBase} base report; the station accepts`);
        const res = await csms.call('GetBaseReport', { requestId, reportBase }, { requirement: 'B07.FR.02' });
        ctx.expectOneOf(res.status, ['Accepted'], 'B07.FR.02', 'GetBaseReportResponse.status');

        ctx.step('The station sends the report as NotifyReport pages numbered from 0, each answered by the harness');
        const report = await collectReport(ctx, requestId);
        ctx.note(`report: ${report.entries.length} variable(s) in ${report.pages} page(s)`);
        check(report.entries.length > 0, 'B07.FR.02', 'at least one variable in the report', 'an empty report');

        ctx.step('Write-only variables are listed without their value');
        const leaked = report.entries.filter(
          (e) => actualAttribute(e)?.mutability === 'WriteOnly' && actualAttribute(e)?.value !== undefined,
        );
        check(
          leaked.length === 0,
          'B07.FR.03',
          'no value for a write-only variable',
          leaked.map((e) => `${e.component.name}.${e.variable.name}`),
        );

        if (reportBase === 'ConfigurationInventory') {
          ctx.step('Only variables the CSMS can set are listed (mutability ReadWrite, the default, or WriteOnly)');
          const readOnly = report.entries.filter((e) => actualAttribute(e)?.mutability === 'ReadOnly');
          check(
            readOnly.length === 0,
            'B07.FR.07',
            'no read-only variable in a configuration inventory',
            readOnly.map((e) => `${e.component.name}.${e.variable.name}`),
          );
        }
      },
    ),
);
