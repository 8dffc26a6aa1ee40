import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { authorize201, freshRootCertificate, hashDataOfCert, txEvent } from '../../../src/kit/index.js';

/**
 * Authorization with an ISO 15118 contract (Plug & Charge): the station sends the eMAID with the
 * contract certificate's OCSP hash data (C_50, C_51: the station validated the chain itself) or
 * with the certificate (C_52: the CSMS validates it). The contract of ids.contractIdToken is valid,
 * that of ids.revokedContractIdToken has a revoked certificate.
 *
 * The harness makes the contract certificate itself, and the CSMS checks it by OCSP (C07.FR.05),
 * which a lab provides. A CSMS that answers that it could not check the chain (CertChainError,
 * NoCertificateAvailable) tells us nothing about the behaviour under test: inconclusive.
 */
const UNCHECKABLE = ['CertChainError', 'NoCertificateAvailable'];

export default defineCaseFamily(
  [
    {
      id: 'TC_C_50_CSMS',
      title: 'Authorization using Contract Certificates 15118 - Online - Local contract certificate validation - Accepted',
      contract: 'contractIdToken',
      send: 'hashData',
      status: 'Accepted',
      certificateStatus: 'Accepted',
      fault: 'contract-certificate-status-omitted',
    },
    {
      id: 'TC_C_51_CSMS',
      title: 'Authorization using Contract Certificates 15118 - Online - Local contract certificate validation - Rejected',
      contract: 'revokedContractIdToken',
      send: 'hashData',
      status: 'Invalid',
      certificateStatus: 'CertificateRevoked',
      fault: 'contract-revocation-ignored',
    },
    {
      id: 'TC_C_52_CSMS',
      title: 'Authorization using Contract Certificates 15118 - Online - Central contract certificate validation - Accepted',
      contract: 'contractIdToken',
      send: 'certificate',
      status: 'Accepted',
      certificateStatus: 'Accepted',
      fault: 'contract-certificate-status-omitted',
    },
  ] as const,
  ({ contract, send, status, certificateStatus, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'C',
        profiles: ['ISO 15118 support'],
        features: ['ISO15118'],
        requirements: ['C07.FR.04', 'C07.FR.05', ...(status === 'Invalid' ? ['C07.FR.16'] : [])],
        purpose: `The station authorizes an ISO 15118 contract with its ${send === 'hashData' ? 'certificate hash data' : 'contract certificate'}; the CSMS answers idTokenInfo ${status} with certificateStatus ${certificateStatus}.`,
        hint: 'Against a real CSMS, configure ids.contractIdToken / revokedContractIdToken as contracts it knows (the certificate check needs the lab OCSP service).',
      },
      async (ctx) => {
        const token = ctx.config.ids[contract];
        ctx.step('The EV is plugged in: the transaction starts without an idToken');
        await ctx.given('EVConnectedPreSession');

        ctx.step(
          `The EV presents contract ${token.idToken}; the station sends AuthorizeRequest with the ${send === 'hashData' ? 'OCSP hash data' : 'certificate'}`,
        );
        const certificate = freshRootCertificate(token.idToken, ctx.organization);
        const extra =
          send === 'hashData'
            ? { iso15118CertificateHashData: [{ ...hashDataOfCert(certificate), responderURL: 'http://ocsp.ocpp-harness.invalid/' }] }
            : { certificate };
        const res = await authorize201(ctx, token, 'C07.FR.04', extra);

        ctx.step(`The CSMS answers idTokenInfo ${status} and certificateStatus ${certificateStatus}`);
        check(res.certificateStatus !== undefined, 'C07.FR.04', 'AuthorizeResponse.certificateStatus', 'absent');
        if (res.certificateStatus !== certificateStatus && UNCHECKABLE.includes(res.certificateStatus ?? ''))
          ctx.inconclusive(
            `the CSMS could not check the contract certificate the harness made (certificateStatus ${res.certificateStatus})`,
          );
        ctx.expectOneOf(res.certificateStatus, [certificateStatus], status === 'Invalid' ? 'C07.FR.16' : 'C07.FR.05', 'certificateStatus');
        ctx.expectOneOf(res.idTokenInfo.status, [status], status === 'Invalid' ? 'C07.FR.16' : 'C07.FR.04', 'idTokenInfo.status');

        if (status === 'Accepted') {
          ctx.step('The contract authorizes the transaction; the CSMS answers Accepted');
          const tx = await txEvent(ctx, 'Updated', 'Authorized', { idToken: token, requirement: 'C07.FR.04' });
          ctx.expectOneOf(tx.idTokenInfo?.status, ['Accepted'], 'C07.FR.04', 'TransactionEventResponse.idTokenInfo.status');
        }
      },
    ),
);
