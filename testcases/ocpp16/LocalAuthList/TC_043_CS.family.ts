import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { localListVersion16, sendLocalList16 } from '../../../src/kit/index.js';

/**
 * The harness installs a local list with a Full update one version above the current one; then
 * either reads the version back (043), or sends a Differential update that does not raise the
 * version, which must be refused with VersionMismatch (043_2).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_043_CS',
      title: 'Send Local Authorization List',
      mismatch: false,
      fault: 'local-list-version-not-stored' as const,
      purpose: 'A Full SendLocalList with a new version is Accepted, and GetLocalListVersion afterwards reports exactly that version.',
    },
    {
      id: 'TC_043_2_CS',
      title: 'Send Local Authorization List - VersionMismatch',
      mismatch: true,
      fault: 'local-list-differential-version-unchecked' as const,
      purpose:
        'After a Full SendLocalList, a Differential update that carries the same (not a higher) version is answered VersionMismatch and changes nothing.',
    },
  ],
  ({ mismatch, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'LocalAuthList',
        profiles: ['LocalAuthListManagement'],
        features: ['LocalAuthListManagement'],
        requirements: ['OCPP16-5.15', 'OCPP16-5.10'],
      },
      async (ctx) => {
        const { config } = ctx;
        const ids = config.ids;
        await ctx.given('Booted');
        const before = await localListVersion16(ctx);
        const version = Math.max(0, before) + 1;

        ctx.step(`The harness sends a Full local list (version ${version}) with the valid idTag`);
        const full = await sendLocalList16(ctx, {
          listVersion: version,
          updateType: 'Full',
          localAuthorizationList: [{ idTag: ids.validIdToken.idToken, idTagInfo: { status: 'Accepted' } }],
        });
        ctx.expectOneOf(full, ['Accepted'], 'OCPP16-5.15', 'SendLocalList.conf status for the Full update');

        if (mismatch) {
          ctx.step(`The harness sends a Differential update that keeps version ${version}: VersionMismatch`);
          const diff = await sendLocalList16(ctx, {
            listVersion: version,
            updateType: 'Differential',
            localAuthorizationList: [{ idTag: ids.blockedIdToken.idToken, idTagInfo: { status: 'Blocked' } }],
          });
          ctx.expectOneOf(
            diff,
            ['VersionMismatch'],
            'OCPP16-5.15',
            'SendLocalList.conf status for a Differential update without a higher version',
          );
        }

        ctx.step(`The charge point reports version ${version}`);
        const after = await localListVersion16(ctx);
        ctx.expectOneOf(after, [version], 'OCPP16-5.10', 'GetLocalListVersion.conf listVersion after the update');
      },
    ),
);
