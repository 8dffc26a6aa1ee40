import { defineCase, defineCaseFamily } from '../../../src/dsl.js';

/**
 * Clear the authorization cache: the operator makes the CSMS send ClearCacheRequest; the station
 * answers Accepted (cache cleared) or Rejected (it could not). Either answer is final: the CSMS
 * does not send the same request again on its own (C11.FR.02); the case watches for that during
 * the configured silence period.
 */
export default defineCaseFamily(
  [
    { id: 'TC_C_37_CSMS', title: 'Clear Authorization Data in Authorization Cache - Accepted', status: 'Accepted' },
    { id: 'TC_C_38_CSMS', title: 'Clear Authorization Data in Authorization Cache - Rejected', status: 'Rejected' },
  ] as const,
  ({ status, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'C',
        profiles: ['Core'],
        requirements: ['C11.FR.01', 'C11.FR.02'],
        purpose: `Asked by the operator, the CSMS sends ClearCacheRequest; the station answers ${status} and the CSMS takes that as the final answer.`,
        fault: 'clearcache-resent',
      },
      async (ctx) => {
        const { station, config } = ctx;
        ctx.step('The station is booted and idle');
        await ctx.given('Booted');

        ctx.step('The operator makes the CSMS clear the authorization cache of the station');
        await ctx.manual(
          'csmsSend',
          { message: 'ClearCache', stationId: config.stationId },
          `Make the CSMS clear the authorization cache of station ${config.stationId}`,
        );
        const req = await station.expectCall('ClearCache', { requirement: 'C11.FR.01' });

        ctx.step(`The station answers ${status}; the CSMS does not send ClearCache again`);
        await station.reply(req, { status });
        await station.expectNoCall('ClearCache', { within: config.timeouts.silenceMs, requirement: 'C11.FR.02' });
      },
    ),
);
