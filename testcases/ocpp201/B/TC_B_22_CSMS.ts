import { defineCase } from '../../../src/dsl.js';
import { connectorStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_22_CSMS',
    title: 'Reset Charging Station - With Ongoing Transaction - Immediate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B12.FR.02', 'B12.FR.04'],
    purpose:
      'When an operator forces an immediate reset during a transaction, the CSMS sends ResetRequest Immediate, accepts the transaction ending with ImmediateReset, and accepts the station after its reboot.',
    fault: 'reset-immediate-as-onidle',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The operator asks the CSMS to reset the station immediately');
    await ctx.manual(
      'csmsSend',
      { message: 'Reset', stationId: config.stationId, type: 'Immediate' },
      'Make the CSMS send an Immediate reset for the whole station',
    );

    ctx.step('The CSMS sends ResetRequest type Immediate');
    const req = await station.expectCall('Reset', { requirement: 'B12.FR.02' });
    ctx.expectOneOf(req.payload.type, ['Immediate'], 'B12.FR.02', 'ResetRequest.type');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station ends the transaction because of the reset; the CSMS acknowledges it');
    await txEvent(ctx, 'Ended', 'ResetCommand', { chargingState: 'Idle', stoppedReason: 'ImmediateReset', requirement: 'B12.FR.04' });

    ctx.step('The station reboots and is accepted again');
    station.close(1000, 'rebooting');
    await station.connect({ requirement: 'B12.FR.04' });
    const boot = await station.call(
      'BootNotification',
      { reason: 'RemoteReset', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } },
      { requirement: 'B12.FR.04' },
    );
    ctx.expectOneOf(boot.status, ['Accepted'], 'B12.FR.04', 'BootNotificationResponse.status after the reset');
    await connectorStatus(ctx, 'Available', 'B12.FR.04');
  },
);
