import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { operatorSends, validToken } from '../../../src/kit/index.js';

/** The hash data of a customer's contract certificate, as the operator finds it in the back office. */
const CUSTOMER_CERTIFICATE = {
  hashAlgorithm: 'SHA256',
  issuerNameHash: '3d8b2f0c5a1e94b7c6d0e2f4a8b1c3d5e7f9a0b2c4d6e8f0a1b3c5d7e9f0a2b4',
  issuerKeyHash: '9f1e3d5c7b9a0e2d4c6b8a0f1e3d5c7b9a1e2d4c6b8a0f2e4d6c8b0a1f3e5d7c',
  serialNumber: '5a3c19e7',
} as const;
const CUSTOMER_IDENTIFIER = 'CUSTOMER-4711';

/**
 * Get (N09) and clear (N10) customer information. Each row: the reference the operator uses, the
 * report and clear flags it chooses, the station's answer and what it reports back.
 * `parts`: the NotifyCustomerInformation texts the station sends ([] = none; '' = no data held).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_N_27_CSMS',
      title: 'Get Customer Information - Accepted + data',
      ref: 'idToken',
      report: true,
      clear: false,
      status: 'Accepted',
      parts: ['Sessions 2026-11: 4 charging sessions, 82 kWh;', ' card registered 2025-03-14'],
      fault: 'notifycustomerinfo-tbc-error',
    },
    {
      id: 'TC_N_28_CSMS',
      title: 'Get Customer Information - Accepted + no data',
      ref: 'idToken',
      report: true,
      clear: false,
      status: 'Accepted',
      parts: [''],
      fault: 'notifycustomerinfo-empty-data-error',
    },
    {
      id: 'TC_N_29_CSMS',
      title: 'Get Customer Information - Not Accepted',
      ref: 'idToken',
      report: true,
      clear: false,
      status: 'Rejected',
      parts: [],
      fault: 'customerinfo-report-flag-dropped',
    },
    {
      id: 'TC_N_30_CSMS',
      title: 'Clear Customer Information - Clear and report + data',
      ref: 'idToken',
      report: true,
      clear: true,
      status: 'Accepted',
      parts: ['Erased: 4 charging sessions and the card registration'],
      fault: 'customerinfo-clear-flag-dropped',
    },
    {
      id: 'TC_N_31_CSMS',
      title: 'Clear Customer Information - Clear and report + no data',
      ref: 'idToken',
      report: true,
      clear: true,
      status: 'Accepted',
      parts: [''],
      fault: 'notifycustomerinfo-empty-data-error',
    },
    {
      id: 'TC_N_32_CSMS',
      title: 'Clear Customer Information - Clear and no report',
      ref: 'idToken',
      report: false,
      clear: true,
      status: 'Accepted',
      // Like the OCA test system, the station still confirms the erasure in one notification.
      parts: ['Customer data erased'],
      fault: 'customerinfo-clear-only-reports',
    },
    {
      id: 'TC_N_62_CSMS',
      title: 'Clear Customer Information - Clear and report - customerIdentifier',
      ref: 'customerIdentifier',
      report: true,
      clear: true,
      status: 'Accepted',
      parts: ['Erased: 2 charging sessions'],
      fault: 'customerinfo-identifier-dropped',
    },
    {
      id: 'TC_N_63_CSMS',
      title: 'Clear Customer Information - Clear and report - customerCertificate',
      ref: 'customerCertificate',
      report: true,
      clear: true,
      status: 'Accepted',
      parts: ['Erased: the contract certificate and 1 charging session'],
      fault: 'customerinfo-certificate-dropped',
      profiles: ['ISO 15118 support'],
    },
  ] as const,
  ({ ref, report, clear, status, parts, ...row }) =>
    defineCase(
      {
        ...row,
        profiles: 'profiles' in row && row.profiles ? [...row.profiles] : ['Core'],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'N',
        requirements: clear ? ['N10.FR.01', 'N10.FR.08', 'N09.FR.05'] : ['N09.FR.01', 'N09.FR.04', 'N09.FR.05'],
        purpose: `The operator ${clear ? `erases${report ? ' and reports' : ''}` : 'asks for'} the data a station holds about a customer named by ${ref}: the CSMS sends CustomerInformationRequest with report ${report}, clear ${clear} and that one reference, and answers the station's NotifyCustomerInformation${parts.length > 1 ? ' parts' : ''}.`,
      },
      async (ctx) => {
        const { station, config } = ctx;
        const token = validToken(config);
        const reference =
          ref === 'idToken'
            ? { idToken: token }
            : ref === 'customerIdentifier'
              ? { customerIdentifier: CUSTOMER_IDENTIFIER }
              : { customerCertificate: CUSTOMER_CERTIFICATE };
        const flagReq = clear ? 'N10.FR.01' : 'N09.FR.01';
        const refReq = clear ? 'N10.FR.08' : 'N09.FR.04';
        await ctx.given('Booted');

        ctx.step(
          `The operator makes the CSMS ${clear ? 'erase' : 'report'} the customer's data (report ${report}, clear ${clear}, by ${ref})`,
        );
        const req = await operatorSends(
          ctx,
          'CustomerInformation',
          { report, clear, ...reference },
          `Make the CSMS ${clear ? `clear${report ? ' and report' : ''}` : 'request'} the customer information of ${JSON.stringify(reference)}`,
          flagReq,
        );
        const p = req.payload;
        check(p.report === report, flagReq, `report ${report}`, `report ${p.report}`);
        check(p.clear === clear, flagReq, `clear ${clear}`, `clear ${p.clear}`);
        // Exactly the one reference the operator chose (N09.FR.04 / N10.FR.08).
        const given = (['idToken', 'customerIdentifier', 'customerCertificate'] as const).filter((k) => p[k] !== undefined);
        check(given.length === 1 && given[0] === ref, refReq, `only ${ref}`, given.length ? given.join(', ') : 'no customer reference');
        // The fields that name the customer must match; key order and extra fields (additionalInfo ...) are the CSMS's choice.
        const wanted: Record<string, unknown> =
          ref === 'idToken' ? { ...token } : ref === 'customerCertificate' ? { ...CUSTOMER_CERTIFICATE } : { value: CUSTOMER_IDENTIFIER };
        const sent: Record<string, unknown> = typeof p[ref] === 'object' ? { ...(p[ref] as object) } : { value: p[ref] };
        const differ = Object.keys(wanted).filter((k) => sent[k] !== wanted[k]);
        check(differ.length === 0, refReq, `${ref} ${JSON.stringify(wanted)}`, `${ref} ${JSON.stringify(p[ref])}`);
        await station.reply(req, { status });

        if (parts.length > 0)
          ctx.step(`The station sends what it holds in ${parts.length} NotifyCustomerInformation part(s); the CSMS answers each`);
        for (const [seqNo, data] of parts.entries()) {
          await station.call(
            'NotifyCustomerInformation',
            { data, seqNo, tbc: seqNo < parts.length - 1, generatedAt: ctx.nowIso(), requestId: p.requestId },
            { requirement: 'N09.FR.05' },
          );
        }
      },
    ),
);
