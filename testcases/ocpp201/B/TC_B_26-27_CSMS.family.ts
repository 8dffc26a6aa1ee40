import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { connectorStatus, txEvent } from '../../../src/kit/index.js';

/**
 * Reset one EVSE while it charges (B11): the operator makes the CSMS reset the EVSE once idle
 * (the station answers Scheduled and the CSMS waits) or at once (the station ends the
 * transaction with stoppedReason ImmediateReset). TC_B_25_CSMS is the idle sibling.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_B_26_CSMS',
      title: 'Reset EVSE - With Ongoing Transaction - OnIdle',
      type: 'OnIdle',
      requirements: ['B11.FR.03', 'B12.FR.01'],
      purpose:
        'When an operator resets a charging EVSE once idle, the CSMS sends ResetRequest OnIdle naming that EVSE, takes the Scheduled answer without forcing the reset, and takes the transaction end and the EVSE restart that follow.',
      fault: 'reset-scheduled-escalates',
    },
    {
      id: 'TC_B_27_CSMS',
      title: 'Reset EVSE - With Ongoing Transaction - Immediate',
      type: 'Immediate',
      requirements: ['B11.FR.03', 'B12.FR.03', 'B12.FR.04'],
      purpose:
        'When an operator resets a charging EVSE immediately, the CSMS sends ResetRequest Immediate naming that EVSE, and takes the transaction the station then ends (stoppedReason ImmediateReset) and the EVSE restart.',
      fault: 'reset-immediate-as-onidle',
    },
  ] as const,
  ({ type, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'csms', block: 'B', profiles: ['Core'] }, async (ctx) => {
      const { station, config } = ctx;
      const evseId = config.ids.evseId;
      const typeReq = type === 'OnIdle' ? 'B12.FR.01' : 'B12.FR.03';

      ctx.step('A transaction is charging on the configured EVSE');
      await ctx.given('EnergyTransferStarted');

      ctx.step(`The operator asks the CSMS to reset EVSE ${evseId} (${type})`);
      await ctx.manual(
        'csmsSend',
        { message: 'Reset', stationId: config.stationId, type, evseId },
        `Make the CSMS send an ${type} reset for EVSE ${evseId} only`,
      );

      ctx.step(`The CSMS sends ResetRequest ${type} for that EVSE`);
      const req = await station.expectCall('Reset', { requirement: 'B11.FR.03' });
      check(req.payload.evseId === evseId, 'B11.FR.03', `evseId ${evseId}`, `evseId ${req.payload.evseId ?? 'absent (whole station)'}`);
      ctx.expectOneOf(req.payload.type, [type], typeReq, 'ResetRequest.type');

      if (type === 'OnIdle') {
        await station.reply(req, { status: 'Scheduled' });
        ctx.step('The CSMS leaves the scheduled reset alone while the transaction is still running');
        await station.expectNoCall('Reset', { within: config.timeouts.silenceMs, requirement: 'B12.FR.01' });
        ctx.step('The driver stops the transaction and unplugs; the transaction ends normally');
        await ctx.given('StopAuthorized');
        await ctx.given('EVDisconnected');
      } else {
        await station.reply(req, { status: 'Accepted' });
        ctx.step('The station ends the transaction on the EVSE because of the reset');
        await txEvent(ctx, 'Ended', 'ResetCommand', { chargingState: 'Idle', stoppedReason: 'ImmediateReset', requirement: 'B12.FR.04' });
      }

      ctx.step('The EVSE restarts: its connector goes Unavailable and then Available again');
      await connectorStatus(ctx, 'Unavailable', 'B11.FR.03');
      await connectorStatus(ctx, 'Available', 'B11.FR.03');
    }),
);
