import { check, defineCase } from '../../../src/dsl.js';
import { connectionDataFor, freeSlot, getVariable, randomPassword, setVariable } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_22_CS',
    title: 'Downgrade the security profile - Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['B09.FR.04', 'A05.FR.08', 'A00.FR.005'],
    profiles: ['Core'],
    securityProfiles: [2, 3],
    purpose:
      'A SetNetworkProfile with a lower security profile than the current one (2 to 1, or 3 to 2 without AllowSecurityProfileDowngrade) is rejected with reason NoSecurityDowngrade, and the station keeps its profile.',
    features: ['NetworkProfiles'],
    fault: 'downgrades-profile',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const current = ctx.securityProfile;

    const lower = current - 1;
    if (lower === 2) {
      ctx.step('The station gets a BasicAuthPassword, so profile 2 is refused only for being a downgrade');
      const pw = ctx.secret(randomPassword(24));
      await setVariable(ctx, 'SecurityCtrlr', 'BasicAuthPassword', pw, 'B09.FR.04');
    }
    ctx.step(`SetNetworkProfile with security profile ${lower}: the station rejects it`);
    const { slot } = await freeSlot(ctx, 'B09.FR.04');
    const set = await csms.call(
      'SetNetworkProfile',
      { configurationSlot: slot, connectionData: connectionDataFor(ctx, lower) },
      { requirement: 'B09.FR.04' },
    );
    ctx.expectOneOf(set.status, ['Rejected'], 'B09.FR.04', `SetNetworkProfile status for profile ${lower} (current ${current})`);
    if (set.statusInfo?.reasonCode !== 'NoSecurityDowngrade')
      ctx.nonStrict('B09.FR.04', `reasonCode ${JSON.stringify(set.statusInfo?.reasonCode)} instead of NoSecurityDowngrade`);

    ctx.step('SecurityCtrlr.SecurityProfile is unchanged');
    const sp = await getVariable(ctx, 'SecurityCtrlr', 'SecurityProfile', 'A00.FR.005');
    check(
      sp.attributeValue === String(current),
      'A00.FR.005',
      `SecurityProfile = ${current}`,
      `SecurityProfile = ${JSON.stringify(sp.attributeValue)}`,
    );
  },
);
