import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_P_01_CS',
    title: 'Data Transfer to the Charging Station - Rejected / Unknown VendorId / Unknown MessageId',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'P',
    profiles: ['Core'],
    requirements: ['P01.FR.05'],
    purpose:
      'A DataTransfer for a vendorId of the harness, which no station implements, is answered UnknownVendorId; it is never Accepted.',
    fault: 'datatransfer-unknown-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const vendorId = `org.ocpp-harness.unknown-${ctx.ids.next().slice(0, 8)}`;

    ctx.step(`DataTransfer with vendorId ${vendorId} and a messageId of its own`);
    const res = await csms.call('DataTransfer', { vendorId, messageId: 'HarnessProbe', data: 'probe' }, { requirement: 'P01.FR.05' });

    ctx.step('The station answers UnknownVendorId');
    if (res.status === 'Rejected' || res.status === 'UnknownMessageId') {
      // The test case's title admits these refusals; the requirement asks for UnknownVendorId, so they pass non-strictly.
      ctx.nonStrict('P01.FR.05', `an unknown vendorId was answered ${res.status}, not UnknownVendorId`);
      return;
    }
    ctx.expectOneOf(res.status, ['UnknownVendorId'], 'P01.FR.05', 'DataTransferResponse.status');
  },
);
