import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_064_CSMS',
    title: 'Data Transfer to a Central System',
    ocpp: '1.6',
    sut: 'csms',
    block: 'DataTransfer',
    requirements: ['OCPP16-4.3'],
    purpose:
      'A charge point sends vendor-specific data under a vendorId the central system has no implementation for: the central system answers the DataTransfer with UnknownVendorId.',
    fault: 'datatransfer-unknown-vendor-accepted',
  },
  async (ctx) => {
    const { station } = ctx;
    const vendorId = 'org.ocpp-harness.no-such-vendor';
    await ctx.given('Booted');

    ctx.step('The charge point sends DataTransfer under a vendorId no central system implements');
    const res = await station.call(
      'DataTransfer',
      { vendorId, messageId: 'HarnessProbe', data: 'conformance test payload' },
      { requirement: 'OCPP16-4.3' },
    );

    ctx.step('The central system answers UnknownVendorId');
    ctx.expectOneOf(res.status, ['UnknownVendorId'], 'OCPP16-4.3', 'DataTransfer.conf status');
  },
);
