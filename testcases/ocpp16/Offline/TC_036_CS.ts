import { check, defineCase } from '../../../src/dsl.js';
import { backOnline, chargingSampled16, goOffline } from '../../../src/kit/index.js';

type MeterValue = { timestamp: string };

export default defineCase(
  {
    id: 'TC_036_CS',
    title: 'Connection Loss During Transaction',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Offline',
    requirements: ['OCPP16-3.6', 'OCPP16-4.7', 'OCPP16-5.3'],
    purpose:
      'The connection is lost during a transaction: the meter values the charge point samples while offline are kept and delivered for the transaction once it is connected again.',
    fault: 'offline-meter-values-dropped',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { intervalS, transactionId } = await chargingSampled16(ctx);
    // Long enough for at least two samples while offline.
    const offlineMs = 2 * intervalS * 1000 + 1000;

    ctx.step(`The central system becomes unreachable for ${offlineMs} ms: the connection drops and new connections are refused`);
    const from = Date.parse(ctx.nowIso());
    await goOffline(ctx, 'OCPP16-3.6');
    await csms.wait(offlineMs);
    const until = Date.parse(ctx.nowIso());

    ctx.step('The central system accepts connections again; the charge point reconnects');
    await backOnline(ctx, 'OCPP16-3.6');

    // The charge point set its clock from the harness (BootNotification.conf currentTime): a second of
    // skew is allowed. The kept samples may come in one MeterValues or several, any number per message.
    const sampledOffline = (v: MeterValue) => {
      const t = Date.parse(v.timestamp);
      return t >= from - 1000 && t <= until;
    };
    ctx.step('The charge point delivers, for the transaction, the meter values it sampled while offline');
    const mv = await csms.expectCall('MeterValues', {
      where: (p) => p.transactionId === transactionId && (p.meterValue as MeterValue[]).some(sampledOffline),
      whereText: `transactionId = ${transactionId} with a sample taken between ${new Date(from).toISOString()} and ${new Date(until).toISOString()}`,
      within: config.timeouts.messageMs * 2,
      requirement: 'OCPP16-3.6',
    });
    check(
      mv.payload.connectorId === config.ids.connectorId,
      'OCPP16-4.7',
      `MeterValues.connectorId = ${config.ids.connectorId}`,
      mv.payload.connectorId,
    );

    ctx.step('The session is ended and the cable unplugged');
    await ctx.given('Idle');
  },
);
