import { defineCase } from '../../../src/dsl.js';
import { reconnectWithoutBoot16, startTransaction16, statusNotification16, stopTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_039_CSMS',
    title: 'Offline Transaction',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Offline',
    requirements: ['OCPP16-4.8', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'A whole transaction happened while the charge point was offline: after reconnecting it delivers the queued StartTransaction and StopTransaction with their original timestamps, and the central system accepts the start and confirms the stop.',
    fault: 'stop-tx-stale-timestamp-refused',
  },
  async (ctx) => {
    const { config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');

    ctx.step('The connection is lost; meanwhile a driver charges with the valid idTag from ten to five minutes before the reconnect');
    const startedAt = ctx.nowIso(-600_000);
    const stoppedAt = ctx.nowIso(-300_000);
    await reconnectWithoutBoot16(ctx);

    ctx.step('Back online: the charge point delivers the queued StartTransaction, and the central system accepts it');
    const start = await startTransaction16(ctx, idTag, { timestamp: startedAt });
    ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status for the offline start');

    ctx.step('The charge point delivers the queued StopTransaction (reason Local): the central system confirms it');
    await stopTransaction16(ctx, 'Local', { idTag, timestamp: stoppedAt, requirement: 'OCPP16-4.10' });

    ctx.step('The connector is free again: the charge point reports it Available');
    await statusNotification16(ctx, 'Available');
  },
);
