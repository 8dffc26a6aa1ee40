import { check, defineCase } from '../../../src/dsl.js';
import { changeConfiguration16, sessionTransactionId16 } from '../../../src/kit/index.js';

const KEY = 'ClockAlignedDataInterval';

export default defineCase(
  {
    id: 'TC_071_CS',
    title: 'Clock-aligned Meter Values',
    ocpp: '1.6',
    sut: 'cs',
    block: 'MeterValues',
    requirements: ['OCPP16-9.1.5', 'OCPP16-4.7', 'OCPP16-5.3'],
    purpose:
      'With ClockAlignedDataInterval set, the charge point sends meter values with context Sample.Clock at each interval boundary counted from midnight, during a transaction for that transaction.',
    fault: 'clock-aligned-meter-values-missing',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    // Short enough that two boundaries pass within the case; it divides a day, so boundaries line up with midnight.
    const intervalS = [2, 5, 10, 15, 30, 60].find((s) => s * 1000 >= config.timeouts.transactionMs) ?? 60;
    await ctx.given('Booted');

    ctx.step('A transaction is started on the configured connector');
    await ctx.given('Charging');
    const transactionId = sessionTransactionId16(ctx);

    ctx.step(`The harness sets ${KEY} to ${intervalS} s (its value is restored at case end)`);
    await changeConfiguration16(ctx, KEY, String(intervalS), 'OCPP16-5.3');

    ctx.step(`Within ${intervalS} s the charge point sends clock-aligned meter values (context Sample.Clock)`);
    const clock = (p: { meterValue: { sampledValue: { context?: string }[] }[] }) =>
      p.meterValue.some((m) => m.sampledValue.some((v) => v.context === 'Sample.Clock'));
    const mv = await csms.expectCall('MeterValues', {
      // Connector 0 (the main meter) may carry the clock-aligned values as well as the connector's own.
      where: (p) => (p.connectorId === connectorId || p.connectorId === 0) && clock(p),
      whereText: `connectorId ${connectorId} or 0 and a sampledValue with context Sample.Clock`,
      within: 2 * intervalS * 1000 + config.timeouts.messageMs,
      requirement: 'OCPP16-9.1.5',
    });
    check(
      mv.payload.connectorId === 0 || mv.payload.transactionId === transactionId,
      'OCPP16-9.1.5',
      `MeterValues.transactionId = ${transactionId} (values taken during the transaction)`,
      `MeterValues.transactionId = ${mv.payload.transactionId}`,
    );
    // The reading is taken at the boundary; its timestamp may lag by the time the charge point took
    // to read and send it, so a small offset is only noted.
    const at = Date.parse(mv.payload.meterValue[0]?.timestamp ?? '');
    const offsetMs = Number.isFinite(at) ? at % (intervalS * 1000) : Number.NaN;
    if (!(offsetMs <= 2000 || intervalS * 1000 - offsetMs <= 2000))
      ctx.nonStrict(
        'OCPP16-9.1.5',
        `the Sample.Clock timestamp ${mv.payload.meterValue[0]?.timestamp} is not on a ${intervalS} s boundary`,
      );

    ctx.step('The session is ended and the cable unplugged');
    await ctx.given('Idle');
  },
);
