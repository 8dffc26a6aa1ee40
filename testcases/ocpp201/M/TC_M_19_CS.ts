import { check, defineCase } from '../../../src/dsl.js';
import { listInstalledCertificates as list, type ListUse } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_19_CS',
    title: 'Retrieve certificates from Charging Station - No matching certificate found',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M03.FR.02', 'M03.FR.01'],
    purpose:
      'Asked for a certificate type of which it has none installed, the station answers NotFound without a certificateHashDataChain instead of listing certificates of other types.',
    fault: 'list-ignores-type-filter',
  },
  async (ctx) => {
    await ctx.given('Booted');

    ctx.step('The harness asks for every installed certificate to find a type the station has none of');
    const all = await list(ctx, undefined, 'M03.FR.01');
    const present = new Set((all.certificateHashDataChain ?? []).map((e) => e.certificateType));
    const candidates: ListUse[] = ['MORootCertificate', 'V2GRootCertificate', 'V2GCertificateChain', 'ManufacturerRootCertificate'];
    const absent = candidates.find((t) => !present.has(t));
    if (!absent)
      return ctx.inconclusive(
        `the station has certificates of every type (${[...present].join(', ')}); remove the MO roots to run this case`,
      );
    ctx.note(`installed types: ${[...present].join(', ') || 'none'}; asking for ${absent}`);

    ctx.step(`The harness asks for ${absent} only; the station answers NotFound without a list`);
    const res = await list(ctx, [absent], 'M03.FR.01');
    ctx.expectOneOf(res.status, ['NotFound'], 'M03.FR.02', `GetInstalledCertificateIds status for ${absent}`);
    check(!res.certificateHashDataChain?.length, 'M03.FR.02', 'no certificateHashDataChain', res.certificateHashDataChain);
  },
);
