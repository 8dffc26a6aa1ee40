import { defineCase } from '../../../src/dsl.js';
import { localListVersion16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_042_2_CS',
    title: 'Get Local List Version (empty)',
    ocpp: '1.6',
    sut: 'cs',
    block: 'LocalAuthList',
    profiles: ['LocalAuthListManagement'],
    features: ['LocalAuthListManagement'],
    requirements: ['OCPP16-5.10'],
    purpose: 'A charge point that supports a local list but holds none (the 1.6 general precondition) answers GetLocalListVersion with 0.',
    fault: 'local-list-version-not-zero',
  },
  async (ctx) => {
    await ctx.given('Booted');

    ctx.step('The harness asks for the local list version: the charge point, holding no list, answers 0');
    const version = await localListVersion16(ctx);
    ctx.expectOneOf(version, [0], 'OCPP16-5.10', 'GetLocalListVersion.conf listVersion with no list installed');
  },
);
