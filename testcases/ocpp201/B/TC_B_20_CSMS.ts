import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_20_CSMS',
    title: 'Reset Charging Station - Without ongoing transaction - OnIdle',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B11.FR.01', 'B11.FR.04'],
    purpose:
      'When an operator resets an idle station gracefully, the CSMS sends ResetRequest of type OnIdle without an evseId, and accepts the station again when it reboots.',
    fault: 'reset-onidle-as-immediate',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to reset the whole station once it is idle');
    await ctx.manual(
      'csmsSend',
      { message: 'Reset', stationId: config.stationId, type: 'OnIdle' },
      'Make the CSMS send an OnIdle reset for the whole station',
    );

    ctx.step('The CSMS sends ResetRequest type OnIdle for the station as a whole');
    const req = await station.expectCall('Reset', { requirement: 'B11.FR.01' });
    ctx.expectOneOf(req.payload.type, ['OnIdle'], 'B11.FR.01', 'ResetRequest.type');
    check(req.payload.evseId === undefined, 'B11.FR.01', 'no evseId (whole station)', `evseId ${req.payload.evseId}`);
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station restarts: it reconnects and boots with reason RemoteReset');
    station.close(1000, 'rebooting');
    await station.connect({ requirement: 'B11.FR.04' });
    const boot = await station.call(
      'BootNotification',
      { reason: 'RemoteReset', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } },
      { requirement: 'B11.FR.04' },
    );
    ctx.expectOneOf(boot.status, ['Accepted'], 'B11.FR.04', 'BootNotificationResponse.status after the reset');

    ctx.step('The station reports its connector Available again');
    await connectorStatus(ctx, 'Available', 'B11.FR.04');
  },
);
