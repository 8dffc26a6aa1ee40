import { defineCase } from '../../../src/dsl.js';
import { reconnectWithoutBoot16, startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_037_1_CSMS',
    title: 'Offline Start Transaction - Valid IdTag',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Offline',
    requirements: ['OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'A charge point that was offline started a transaction for the valid idTag; once back online it delivers the queued StartTransaction with its original (older) timestamp, and the central system accepts the idTag and assigns a transaction id.',
    fault: 'start-tx-stale-timestamp-invalid',
  },
  async (ctx) => {
    const { config } = ctx;
    await ctx.given('Booted');

    ctx.step('The connection is lost; meanwhile the driver starts charging with the valid idTag (five minutes before the reconnect)');
    const startedAt = ctx.nowIso(-300_000);
    await reconnectWithoutBoot16(ctx);

    ctx.step('Back online (no reboot, so no BootNotification): the charge point delivers the queued StartTransaction');
    const start = await startTransaction16(ctx, config.ids.validIdToken.idToken, { timestamp: startedAt });
    ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status for the offline start');

    ctx.step('The charge point reports the connector Charging');
    await statusNotification16(ctx, 'Charging');
  },
);
