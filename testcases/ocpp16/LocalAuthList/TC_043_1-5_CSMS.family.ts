import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectField16, operatorCall16 } from '../../../src/kit/index.js';

/**
 * An operator sends a local authorization list. The central system's part is the same in every
 * row: SendLocalList with the update type chosen, an integer version, and (Full) an idTagInfo on
 * every entry; the rows differ in the update type and in the charge point's answer.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_043_1_CSMS',
      title: 'Send Local Authorization List - NotSupported',
      updateType: 'Full' as const,
      answer: 'NotSupported' as const,
      fault: 'sendlocallist-full-without-idtaginfo' as const,
      purpose:
        'An operator sends a full local list to a charge point without local list support: the central system sends a well-formed Full SendLocalList and takes the NotSupported answer.',
    },
    {
      id: 'TC_043_3_CSMS',
      title: 'Send Local Authorization List - Failed',
      updateType: 'Full' as const,
      answer: 'Failed' as const,
      fault: 'sendlocallist-full-without-idtaginfo' as const,
      purpose:
        'An operator sends a full local list that the charge point fails to store: the central system sends a well-formed Full SendLocalList and takes the Failed answer.',
    },
    {
      id: 'TC_043_4_CSMS',
      title: 'Send Local Authorization List - Full',
      updateType: 'Full' as const,
      answer: 'Accepted' as const,
      fault: 'sendlocallist-full-without-idtaginfo' as const,
      purpose:
        'An operator replaces the local list of a charge point: the central system sends SendLocalList with updateType Full, a version number and an idTagInfo on every entry, and takes the Accepted answer.',
    },
    {
      id: 'TC_043_5_CSMS',
      title: 'Send Local Authorization List - Differential',
      updateType: 'Differential' as const,
      answer: 'Accepted' as const,
      fault: 'sendlocallist-differential-as-full' as const,
      purpose:
        'An operator changes entries of the local list of a charge point: the central system sends SendLocalList with updateType Differential and a version number, and takes the Accepted answer.',
    },
  ],
  ({ updateType, answer, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'LocalAuthList',
        profiles: ['LocalAuthListManagement'],
        features: ['LocalAuthListManagement'],
        requirements: ['OCPP16-5.15'],
      },
      async (ctx) => {
        const { station, config } = ctx;
        await ctx.given('Booted');

        ctx.step(`The operator sends a ${updateType} local list: the central system sends SendLocalList`);
        const req = await operatorCall16(
          ctx,
          'SendLocalList',
          { updateType },
          'OCPP16-5.15',
          `Make the central system send a ${updateType} SendLocalList (at least one idTag) to ${config.stationId}.`,
        );
        expectField16(req.payload.updateType, updateType, 'OCPP16-5.15', 'SendLocalList.req updateType');
        check(
          Number.isInteger(req.payload.listVersion),
          'OCPP16-5.15',
          'SendLocalList.req listVersion is an integer',
          req.payload.listVersion,
        );
        if (updateType === 'Full') {
          // A Full update replaces the list: each entry must say how the idTag is authorized.
          const bare = (req.payload.localAuthorizationList ?? []).filter((e) => e.idTagInfo === undefined).map((e) => e.idTag);
          check(
            bare.length === 0,
            'OCPP16-5.15',
            'every entry of a Full update has an idTagInfo',
            `entries without idTagInfo: ${bare.join(', ')}`,
          );
        }

        ctx.step(`The charge point answers ${answer}`);
        await station.reply(req, { status: answer });
      },
    ),
);
