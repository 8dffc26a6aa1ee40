import { check, defineCase } from '../../../src/dsl.js';
import { chargingSampled16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_070_CS',
    title: 'Sampled Meter Values',
    ocpp: '1.6',
    sut: 'cs',
    block: 'MeterValues',
    requirements: ['OCPP16-4.7', 'OCPP16-5.3'],
    purpose:
      'During a transaction the charge point samples its meter every MeterValueSampleInterval seconds and sends the samples with MeterValues for that transaction.',
    fault: 'meter-sample-interval-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const { intervalS, transactionId } = await chargingSampled16(ctx);

    ctx.step(`Within ${intervalS} s the charge point sends a periodic sample for the transaction`);
    const mv = await csms.expectCall('MeterValues', {
      where: (p) => p.transactionId === transactionId,
      whereText: `transactionId = ${transactionId}`,
      within: intervalS * 1000 + config.timeouts.messageMs,
      requirement: 'OCPP16-4.7',
    });
    check(
      mv.payload.connectorId === connectorId,
      'OCPP16-4.7',
      `MeterValues.connectorId = ${connectorId}`,
      `MeterValues.connectorId = ${mv.payload.connectorId}`,
    );
    const samples = (mv.payload.meterValue as { sampledValue: { context?: string }[] }[]).flatMap((m) => m.sampledValue);
    check(
      samples.some((s) => (s.context ?? 'Sample.Periodic') === 'Sample.Periodic'),
      'OCPP16-4.7',
      'a sampledValue with context Sample.Periodic',
      samples,
    );

    ctx.step('The session is ended and the cable unplugged');
    await ctx.given('Idle');
  },
);
