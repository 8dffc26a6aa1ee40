import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_P_02_CSMS',
    title: 'Data Transfer to the CSMS - Rejected / Unknown VendorId / Unknown MessageId',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'P',
    profiles: ['Core'],
    requirements: ['P02.FR.02'],
    purpose:
      'The station sends a DataTransferRequest for a vendor extension no CSMS knows (a vendorId made for this run); the CSMS answers with status UnknownVendorId, the one answer for a vendor it has no implementation for.',
    fault: 'datatransfer-unknown-accepted',
  },
  async (ctx) => {
    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    const vendorId = `org.ocpp-harness.unknown.${ctx.ids
      .next()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 16)}`;
    ctx.step(`The station sends DataTransfer for vendor ${vendorId}`);
    const res = await ctx.station.call(
      'DataTransfer',
      { vendorId, messageId: 'Probe', data: 'ocpp-harness' },
      { requirement: 'P02.FR.02' },
    );

    ctx.step('The CSMS answers UnknownVendorId');
    ctx.expectOneOf(res.status, ['UnknownVendorId'], 'P02.FR.02', 'DataTransferResponse.status');
  },
);
