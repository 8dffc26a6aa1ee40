import { check, defineCase } from '../../../src/dsl.js';
import { acceptStop, backOnline, goOffline, presentIdTag, session16, sessionTransactionId16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_038_CS',
    title: 'Offline Stop Transaction',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Offline',
    requirements: ['OCPP16-3.6', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'A transaction that the driver ends while the central system is unreachable is still reported: once the charge point is connected again it delivers the StopTransaction it kept.',
    fault: 'offline-stop-dropped',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Charging');
    const transactionId = sessionTransactionId16(ctx);
    const s = session16(ctx);

    ctx.step('The central system becomes unreachable: the connection drops and new connections are refused');
    await goOffline(ctx, 'OCPP16-3.6');

    ctx.step(`While offline, the driver ends the transaction by presenting the idTag ${s.idTag} again`);
    await presentIdTag(ctx, { ...ctx.config.ids.validIdToken, idToken: s.idTag });
    // The charge point needs a moment to end it locally; nothing can reach the harness meanwhile.
    await csms.wait(ctx.config.timeouts.reconnectPauseMs);

    ctx.step('The central system accepts connections again; the charge point reconnects');
    await backOnline(ctx, 'OCPP16-3.6');

    ctx.step('The charge point delivers the StopTransaction it kept (reason Local, or none: Local is the default)');
    const stop = await csms.expectCall('StopTransaction', {
      where: (p) => p.transactionId === transactionId,
      whereText: `transactionId = ${transactionId}`,
      requirement: 'OCPP16-3.6',
    });
    check((stop.payload.reason ?? 'Local') === 'Local', 'OCPP16-4.10', 'StopTransaction.reason Local', stop.payload.reason);
    await acceptStop(ctx, stop);

    // Either order: the inbox keeps the StatusNotification if it came first.
    ctx.step('The charge point reports the connector Finishing (the cable is still in)');
    await csms.expectCall('StatusNotification', { ...statusOf(ctx.config.ids.connectorId, 'Finishing'), requirement: 'OCPP16-4.9' });

    ctx.step('The cable is unplugged; the connector returns to Available');
    await ctx.given('Idle');
  },
);
