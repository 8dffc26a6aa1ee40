import { defineCase } from '../../../src/dsl.js';

/** A vendorId no charge point implements. */
const VENDOR = 'org.ocpp-harness.unknown-vendor';

export default defineCase(
  {
    id: 'TC_062_CS',
    title: 'Data Transfer to a Charge Point',
    ocpp: '1.6',
    sut: 'cs',
    block: 'DataTransfer',
    requirements: ['OCPP16-5.6'],
    purpose: 'A charge point that receives DataTransfer for a vendorId it has no implementation for answers UnknownVendorId.',
    fault: 'datatransfer-unknown-vendor-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step(`The harness sends DataTransfer for the unknown vendorId ${VENDOR}`);
    const res = await csms.call('DataTransfer', { vendorId: VENDOR, messageId: 'Probe', data: 'harness' }, { requirement: 'OCPP16-5.6' });

    ctx.step('The charge point answers UnknownVendorId');
    ctx.expectOneOf(res.status, ['UnknownVendorId'], 'OCPP16-5.6', 'DataTransfer.conf status');
  },
);
