import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { operatorCall16 } from '../../../src/kit/index.js';

/** An operator asks a charge point for its local list version: it has none to support (-1) or an empty one (0). */
export default defineCaseFamily(
  [
    {
      id: 'TC_042_1_CSMS',
      title: 'Get Local List Version (not supported)',
      listVersion: -1,
      purpose:
        'An operator asks for the local list version of a charge point without local list support: the central system sends GetLocalListVersion and takes the answer -1.',
    },
    {
      id: 'TC_042_2_CSMS',
      title: 'Get Local List Version (empty)',
      listVersion: 0,
      purpose:
        'An operator asks for the local list version of a charge point with an empty local list: the central system sends GetLocalListVersion and takes the answer 0.',
    },
  ],
  ({ listVersion, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'LocalAuthList',
        profiles: ['LocalAuthListManagement'],
        features: ['LocalAuthListManagement'],
        requirements: ['OCPP16-5.10'],
        fault: 'getlocallistversion-not-sent',
      },
      async (ctx) => {
        const { station, config } = ctx;
        await ctx.given('Booted');

        ctx.step('The operator asks for the local list version: the central system sends GetLocalListVersion');
        const req = await operatorCall16(
          ctx,
          'GetLocalListVersion',
          {},
          'OCPP16-5.10',
          `Make the central system send GetLocalListVersion to ${config.stationId}.`,
        );

        ctx.step(`The charge point answers listVersion ${listVersion}`);
        await station.reply(req, { listVersion });
      },
    ),
);
