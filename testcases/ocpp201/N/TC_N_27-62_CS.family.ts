import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { askCustomerInformation, customerReport, servedCustomer, unknownCustomer, type CustomerRef } from '../../../src/kit/index.js';

/**
 * Customer information (N09 get, N10 clear): the harness asks the station to report and/or clear
 * what it holds about one customer. "With data" rows first run one short session with the
 * configured valid token (memory state IdTokenCached), so the station has something to hold;
 * "no data" rows name a token the station has never seen. The data text is free form: the report
 * is judged by its shape (parts carrying the requestId, seqNo from 0, the last with tbc false),
 * never by its wording, since a station that keeps nothing about a token still answers "no data".
 * Clearing without a report (N_32) may or may not be confirmed by a NotifyCustomerInformation:
 * both are accepted, and such a part is answered.
 */
type Customer = 'known-token' | 'unknown-token' | 'identifier';

export default defineCaseFamily(
  [
    {
      id: 'TC_N_27_CS',
      title: 'Get Customer Information - Accepted + data',
      customer: 'known-token' as Customer,
      report: true,
      clear: false,
      requirements: ['N09.FR.05', 'N09.FR.02'],
      purpose: 'Asked to report a customer it served, the station accepts and sends the data in NotifyCustomerInformation parts.',
      fault: 'customerinfo-report-not-sent',
    },
    {
      id: 'TC_N_28_CS',
      title: 'Get Customer Information - Accepted + no data',
      customer: 'unknown-token' as Customer,
      report: true,
      clear: false,
      requirements: ['N09.FR.06', 'N09.FR.02'],
      purpose:
        'Asked to report a customer it never saw, the station accepts and still sends a NotifyCustomerInformation saying nothing was found.',
      fault: 'customerinfo-silent-without-data',
    },
    {
      id: 'TC_N_30_CS',
      title: 'Clear Customer Information - Clear and report + data',
      customer: 'known-token' as Customer,
      report: true,
      clear: true,
      requirements: ['N10.FR.03', 'N09.FR.02'],
      purpose: 'Asked to clear and report a customer it served, the station accepts, erases the data and reports what it cleared.',
      fault: 'customerinfo-clear-not-reported',
    },
    {
      id: 'TC_N_31_CS',
      title: 'Clear Customer Information - Clear and report + no data',
      customer: 'unknown-token' as Customer,
      report: true,
      clear: true,
      requirements: ['N10.FR.04', 'N09.FR.02'],
      purpose:
        'Asked to clear and report a customer it never saw, the station accepts and sends a NotifyCustomerInformation saying nothing was found.',
      fault: 'customerinfo-silent-without-data',
    },
    {
      id: 'TC_N_32_CS',
      title: 'Clear Customer Information - Clear and no report',
      customer: 'known-token' as Customer,
      report: false,
      clear: true,
      requirements: ['N10.FR.06'],
      purpose: 'Asked only to clear the data of a customer it served, the station accepts the request.',
      fault: 'customerinfo-clear-rejected',
    },
    {
      id: 'TC_N_62_CS',
      title: 'Clear Customer Information - Clear and report - customerIdentifier',
      customer: 'identifier' as Customer,
      report: true,
      clear: true,
      requirements: ['N10.FR.04', 'N10.FR.03'],
      purpose:
        'Asked to clear and report a customer named by a customerIdentifier, the station accepts and reports what it cleared, or that it held nothing.',
      fault: 'customerinfo-identifier-invalid',
    },
  ] as const,
  ({ customer, report, clear, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'cs', block: 'N', profiles: ['Core'] }, async (ctx) => {
      const requirement = requirements[0];
      await ctx.given('Booted');
      const ref = await customerOf(ctx, customer);

      const what = [report ? 'report' : '', clear ? 'clear' : ''].filter(Boolean).join(' and ');
      ctx.step(`The harness asks the station to ${what} the customer ${JSON.stringify(ref)}; the station accepts`);
      const { status, requestId } = await askCustomerInformation(ctx, ref, { report, clear }, requirement);
      ctx.expectOneOf(
        status,
        ['Accepted'],
        (requirements as readonly string[]).includes('N09.FR.02') ? 'N09.FR.02' : requirement,
        'CustomerInformationResponse.status',
      );
      if (!report) {
        // Whether a clear-only request is confirmed by a NotifyCustomerInformation is not judged; one that comes is answered.
        ctx.note('clear without report: a confirming NotifyCustomerInformation is neither required nor refused');
        return;
      }

      ctx.step('The station sends the report in NotifyCustomerInformation parts: the requestId, seqNo from 0, the last with tbc false');
      const parts = await customerReport(ctx, requestId, requirement);
      ctx.note(`report (${parts.length} part(s)): ${parts.join('').slice(0, 400)}`);
    }),
);

/** The customer of a row, after the memory state it needs. */
async function customerOf(ctx: Parameters<typeof servedCustomer>[0], customer: Customer): Promise<CustomerRef> {
  if (customer === 'unknown-token') return unknownCustomer(ctx);
  if (customer === 'identifier') return { customerIdentifier: `HARNESS-CUSTOMER-${ctx.ids.next().slice(0, 8)}` };
  return servedCustomer(ctx);
}
