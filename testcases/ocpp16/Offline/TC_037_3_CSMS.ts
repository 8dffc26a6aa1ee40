import { defineCase } from '../../../src/dsl.js';
import { startTransaction16, statusNotification16, stopTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_037_3_CSMS',
    title: 'Offline Start Transaction - Invalid IdTag - StopTransactionOnInvalidId = true',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Offline',
    requirements: ['OCPP16-4.8', 'OCPP16-4.10'],
    purpose:
      'A charge point that was offline started a transaction for an idTag it could not check; once back online it reports the start, and the central system verifies the idTag and answers Invalid (with a transaction id), after which it confirms the deauthorized stop.',
    fault: 'start-tx-no-idtag-check',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.invalidIdToken.idToken;
    await ctx.given('Booted');

    ctx.step(
      'The connection to the central system is lost; meanwhile a driver starts charging with an idTag the charge point cannot check',
    );
    const startedAt = ctx.nowIso(-60_000);
    station.close(1000, 'network lost');

    ctx.step('The connection returns: the charge point reconnects (no reboot, so no BootNotification)');
    await station.connect({ requirement: 'OCPP16-4.8' });

    ctx.step(
      'The charge point delivers the queued StartTransaction: the central system answers the idTag Invalid and still assigns a transaction id',
    );
    const start = await startTransaction16(ctx, idTag, { timestamp: startedAt });
    ctx.expectOneOf(start.idTagInfo?.status, ['Invalid'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status for the invalid idTag');

    ctx.step(
      'With StopTransactionOnInvalidId = true the charge point stops the transaction (reason DeAuthorized): the central system confirms it',
    );
    await stopTransaction16(ctx, 'DeAuthorized', { requirement: 'OCPP16-4.10' });

    ctx.step('The charge point reports the connector Finishing');
    await statusNotification16(ctx, 'Finishing');
  },
);
