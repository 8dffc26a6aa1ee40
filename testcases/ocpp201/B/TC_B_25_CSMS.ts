import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_25_CSMS',
    title: 'Reset EVSE - Without ongoing transaction',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B11.FR.01', 'B11.FR.03'],
    purpose:
      'When an operator resets one idle EVSE, the CSMS sends ResetRequest naming that EVSE, so only it restarts, and takes the EVSE status reports that follow.',
    fault: 'reset-evse-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to reset the configured EVSE');
    await ctx.manual(
      'csmsSend',
      { message: 'Reset', stationId: config.stationId, type: 'OnIdle', evseId },
      `Make the CSMS send an OnIdle reset for EVSE ${evseId} only`,
    );

    ctx.step('The CSMS sends ResetRequest for that EVSE');
    const req = await station.expectCall('Reset', { requirement: 'B11.FR.03' });
    check(
      req.payload.evseId === evseId,
      'B11.FR.03',
      `ResetRequest.evseId = ${evseId}`,
      `evseId ${req.payload.evseId ?? 'absent (whole station)'}`,
    );
    ctx.expectOneOf(req.payload.type, ['OnIdle', 'Immediate'], 'B11.FR.01', 'ResetRequest.type');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The EVSE restarts: its connector goes Unavailable and then Available again');
    await connectorStatus(ctx, 'Unavailable', 'B11.FR.03');
    await connectorStatus(ctx, 'Available', 'B11.FR.03');
  },
);
