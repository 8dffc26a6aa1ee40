import { defineCase } from '../../../src/dsl.js';
import { bootNotification16, statusNotification16, stopTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_032_1_CSMS',
    title: 'Power failure boot charging point - configured to stop transaction(s) before going down',
    ocpp: '1.6',
    sut: 'csms',
    block: 'PowerFailure',
    requirements: ['OCPP16-4.2', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'The power fails during a session; the charge point ends the transaction as it goes down and, after booting again, delivers the queued StopTransaction (reason PowerLoss): the central system accepts the boot and still confirms the stop of the transaction it started before.',
    fault: 'boot-closes-transactions',
  },
  async (ctx) => {
    const { station } = ctx;
    await ctx.given('Charging');

    ctx.step('The power fails: the charge point ends the transaction as it goes down and loses its connection');
    const stoppedAt = ctx.nowIso();
    station.close(1000, 'power failure');

    ctx.step('Power returns: the charge point connects and boots, and the central system accepts it');
    await station.connect({ requirement: 'OCPP16-4.2' });
    const boot = await station.call('BootNotification', bootNotification16(), { requirement: 'OCPP16-4.2' });
    ctx.expectOneOf(boot.status, ['Accepted'], 'OCPP16-4.2', 'BootNotification.conf status after the power failure');
    await statusNotification16(ctx, 'Available', 0);
    await statusNotification16(ctx, 'Finishing');

    ctx.step('The charge point delivers the queued StopTransaction (reason PowerLoss): the central system confirms it');
    await stopTransaction16(ctx, 'PowerLoss', { timestamp: stoppedAt, requirement: 'OCPP16-4.10' });

    ctx.step('The cable is removed: the charge point reports the connector Available');
    await statusNotification16(ctx, 'Available');
  },
);
