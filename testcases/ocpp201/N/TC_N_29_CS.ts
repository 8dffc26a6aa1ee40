import { defineCase } from '../../../src/dsl.js';
import { freshRequestId } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_N_29_CS',
    title: 'Get Customer Information - Not Accepted',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'N',
    profiles: ['Core'],
    requirements: ['N09.FR.03'],
    purpose:
      'A CustomerInformationRequest asking for a report but naming no customer (no idToken, customerCertificate or customerIdentifier) cannot be processed: the station answers Invalid or Rejected, never Accepted.',
    fault: 'customerinfo-nameless-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    csms.respondTo('NotifyCustomerInformation', {});

    ctx.step('CustomerInformation with report true, clear false and no customer reference');
    // The schema makes all three references optional, so the request is valid OCPP; only its content names nobody.
    const res = await csms.call(
      'CustomerInformation',
      { requestId: freshRequestId(), report: true, clear: false },
      { requirement: 'N09.FR.03' },
    );

    ctx.step('The station does not accept it: Invalid (the content names no customer) or Rejected are both refusals');
    ctx.expectOneOf(res.status, ['Invalid', 'Rejected'], 'N09.FR.03', 'CustomerInformationResponse.status');
  },
);
