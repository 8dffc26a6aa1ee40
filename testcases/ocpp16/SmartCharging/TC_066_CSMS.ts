import { check, defineCase } from '../../../src/dsl.js';
import { expectField16, operatorCall16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_066_CSMS',
    title: 'Get Composite Schedule',
    ocpp: '1.6',
    sut: 'csms',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-5.7'],
    purpose:
      'An operator asks for the charging schedule a connector will follow: the central system sends GetCompositeSchedule for exactly that connector with a positive duration, and takes the schedule the charge point answers.',
    fault: 'composite-schedule-wrong-connector',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The operator asks for the composite schedule of the connector: the central system sends GetCompositeSchedule');
    const req = await operatorCall16(
      ctx,
      'GetCompositeSchedule',
      { connectorId, duration: 3600 },
      'OCPP16-5.7',
      `Make the central system send GetCompositeSchedule to ${config.stationId} for connector ${connectorId} over 3600 seconds.`,
    );
    expectField16(req.payload.connectorId, connectorId, 'OCPP16-5.7', 'GetCompositeSchedule.req connectorId');
    const { duration } = req.payload;
    check(
      Number.isInteger(duration) && duration > 0,
      'OCPP16-5.7',
      'GetCompositeSchedule.req duration is a positive number of seconds',
      duration,
    );

    ctx.step('The charge point answers Accepted with its schedule for that connector');
    await station.reply(req, {
      status: 'Accepted',
      connectorId,
      scheduleStart: ctx.nowIso(),
      chargingSchedule: {
        duration,
        chargingRateUnit: req.payload.chargingRateUnit ?? 'A',
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }],
      },
    });
  },
);
