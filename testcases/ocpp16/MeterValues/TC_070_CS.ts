import { check, defineCase } from '../../../src/dsl.js';
import { sessionTransactionId16 } from '../../../src/kit/index.js';

const KEY = 'MeterValueSampleInterval';

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
    // Short enough that samples arrive within the configured transaction duration.
    const intervalS = Math.max(1, Math.round(config.timeouts.transactionMs / 1000));
    await ctx.given('Booted');

    ctx.step(`The harness reads ${KEY} and sets it to ${intervalS} s`);
    const before = await csms.call('GetConfiguration', { key: [KEY] }, { requirement: 'OCPP16-5.3' });
    const original = (before.configurationKey ?? []).find((k: { key: string }) => k.key === KEY)?.value as string | undefined;
    const set = await csms.call('ChangeConfiguration', { key: KEY, value: String(intervalS) }, { requirement: 'OCPP16-5.3' });
    ctx.expectOneOf(set.status, ['Accepted'], 'OCPP16-5.3', 'ChangeConfiguration.conf status');

    ctx.step('A transaction is started on the configured connector');
    await ctx.given('Charging');
    const transactionId = sessionTransactionId16(ctx);

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

    ctx.step(`The session is ended, the cable unplugged and ${KEY} restored`);
    await ctx.given('Idle');
    if (original !== undefined) await csms.call('ChangeConfiguration', { key: KEY, value: original }, { requirement: 'OCPP16-5.3' });
  },
);
