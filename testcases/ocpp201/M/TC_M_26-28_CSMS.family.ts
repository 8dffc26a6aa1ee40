import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';

/**
 * An EV asks, over ISO 15118, for a contract certificate to be installed (M01) or updated (M02):
 * the station forwards the EV's EXI request with Get15118EVCertificate, and the CSMS answers with
 * the EXI response it got from the contract PKI. Only the OCPP side is checked: an Accepted answer
 * carrying a base64 EXI response. What the EXI holds is between the EV and the PKI.
 */
const EXI_SCHEMA = 'urn:iso:15118:2:2013:MsgDef';

export default defineCaseFamily(
  [
    {
      id: 'TC_M_26_CSMS',
      title: 'Certificate Installation EV - Success',
      action: 'Install',
      requirement: 'M01.FR.01',
      fault: 'ev-certificate-exi-missing',
    },
    {
      id: 'TC_M_28_CSMS',
      title: 'Certificate Update EV - Success',
      action: 'Update',
      requirement: 'M02.FR.01',
      fault: 'ev-certificate-exi-missing',
    },
  ] as const,
  ({ action, requirement, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'M',
        profiles: ['ISO 15118 support'],
        features: ['ISO15118'],
        requirements: [requirement],
        purpose: `The station forwards an EV's ISO 15118 request to ${action === 'Install' ? 'install' : 'update'} its contract certificate (Get15118EVCertificate, action ${action}); the CSMS answers Accepted with the base64 EXI response for the EV.`,
      },
      async (ctx) => {
        const { station } = ctx;
        await ctx.given('Booted');

        ctx.step(`The station forwards the EV's certificate ${action.toLowerCase()} request to the CSMS`);
        const exiRequest = Buffer.from(`EXI-REQ:${action}:${ctx.ids.next()}`).toString('base64');
        const res = await station.call('Get15118EVCertificate', { iso15118SchemaVersion: EXI_SCHEMA, action, exiRequest }, { requirement });

        ctx.step('The CSMS answers Accepted with an EXI response for the EV');
        ctx.expectOneOf(res.status, ['Accepted'], requirement, 'Get15118EVCertificateResponse.status');
        const exi = String(res.exiResponse ?? '');
        check(
          exi.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(exi) && exi.length % 4 === 0,
          requirement,
          'a non-empty base64 exiResponse',
          exi.length ? `"${exi.slice(0, 40)}"` : 'an empty exiResponse',
        );
      },
    ),
);
