import { defineCase } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_21_CSMS',
    title: 'Reset Charging Station - With Ongoing Transaction - OnIdle',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B12.FR.01', 'B12.FR.03'],
    purpose:
      'When an operator asks for an OnIdle reset while a transaction runs, the CSMS sends ResetRequest OnIdle, accepts the Scheduled answer without forcing the reset, lets the transaction end normally and accepts the station after its reboot.',
    fault: 'reset-scheduled-escalates',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The operator asks the CSMS to reset the station once it is idle');
    await ctx.manual(
      'csmsSend',
      { message: 'Reset', stationId: config.stationId, type: 'OnIdle' },
      'Make the CSMS send an OnIdle reset for the whole station',
    );

    ctx.step('The CSMS sends ResetRequest OnIdle; the station schedules it until the transaction ends');
    const req = await station.expectCall('Reset', { requirement: 'B12.FR.01' });
    ctx.expectOneOf(req.payload.type, ['OnIdle'], 'B12.FR.01', 'ResetRequest.type');
    await station.reply(req, { status: 'Scheduled' });

    ctx.step('The CSMS leaves the scheduled reset alone while the transaction is still running');
    await station.expectNoCall('Reset', { within: config.timeouts.silenceMs, requirement: 'B12.FR.03' });

    ctx.step('The driver stops the transaction and unplugs; the transaction ends normally');
    await ctx.given('StopAuthorized');
    await ctx.given('EVDisconnected');

    ctx.step('The station performs the scheduled reset and is accepted again');
    station.close(1000, 'rebooting');
    await station.connect({ requirement: 'B12.FR.03' });
    const boot = await station.call(
      'BootNotification',
      { reason: 'RemoteReset', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } },
      { requirement: 'B12.FR.03' },
    );
    ctx.expectOneOf(boot.status, ['Accepted'], 'B12.FR.03', 'BootNotificationResponse.status after the reset');
    await connectorStatus(ctx, 'Available', 'B12.FR.03');
  },
);
