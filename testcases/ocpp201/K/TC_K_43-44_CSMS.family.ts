import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';

/**
 * The operator makes the CSMS ask for a composite schedule (K08), of one EVSE or of the whole
 * station (EVSE 0); the station returns one. The duration and the rate unit are the CSMS's choice.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_K_43_CSMS',
      title: 'Get Composite Schedule - Specific EVSE',
      evse: 'evse',
      purpose: 'Asked for the composite schedule of one EVSE, the CSMS sends GetCompositeSchedule with that evseId and takes the schedule.',
      fault: 'composite-evse-ignored',
    },
    {
      id: 'TC_K_44_CSMS',
      title: 'Get Composite Schedule - Charging Station',
      evse: 0,
      purpose:
        'Asked for the composite schedule of the whole station, the CSMS sends GetCompositeSchedule with evseId 0 and takes the schedule.',
      fault: 'composite-evse-zero-dropped',
    },
  ] as const,
  ({ evse, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'K',
        profiles: ['Smart Charging', 'ISO 15118 support'],
        features: ['SmartCharging'],
        requirements: ['K08.FR.01'],
      },
      async (ctx) => {
        const { station, config } = ctx;
        const evseId = evse === 'evse' ? config.ids.evseId : 0;
        await ctx.given('Booted');

        const what = evseId === 0 ? 'the whole station (EVSE 0)' : `EVSE ${evseId}`;
        ctx.step(`The operator makes the CSMS ask for the composite schedule of ${what} for the next 300 s`);
        await ctx.manual(
          'csmsSend',
          { message: 'GetCompositeSchedule', stationId: config.stationId, evseId, duration: 300 },
          `Make the CSMS ask for the composite schedule of ${what} for the next 300 seconds`,
        );
        const req = await station.expectCall('GetCompositeSchedule', { requirement: 'K08.FR.01' });
        check(req.payload.evseId === evseId, 'K08.FR.01', `evseId ${evseId}`, `evseId ${req.payload.evseId}`);

        ctx.step('The station returns its composite schedule');
        await station.reply(req, {
          status: 'Accepted',
          schedule: {
            evseId,
            duration: req.payload.duration,
            scheduleStart: ctx.nowIso(),
            chargingRateUnit: req.payload.chargingRateUnit ?? 'A',
            chargingSchedulePeriod: [{ startPeriod: 0, limit: req.payload.chargingRateUnit === 'W' ? 6900 : 10 }],
          },
        });
      },
    ),
);
