import { createHash } from 'node:crypto';
import { ocspGoodResponse } from '../../../../pki/index.js';
import type { Payload } from '../../../rpc.js';
import type { CsmsBlock } from '../state.js';

/**
 * ISO 15118 certificate services the CSMS gives a station (M01, M02, M06):
 *  - Get15118EVCertificate: the CSMS forwards the EV's EXI request to the contract PKI and returns
 *    its EXI answer. The reference CSMS has no contract PKI behind it; it answers Accepted with an
 *    opaque base64 EXI stand-in derived from the request.
 *  - GetCertificateStatus: the CSMS asks the OCSP responder and returns its answer; the reference
 *    CSMS is its own responder and signs a `good` response for exactly the CertID asked about,
 *    with the V2G root of the run's PKI.
 */
export const evCertificates: CsmsBlock = {
  inbound: {
    Get15118EVCertificate: (ctx, p) => {
      if (ctx.faults.has('ev-certificate-exi-missing')) return { status: 'Accepted', exiResponse: '' };
      const digest = createHash('sha256')
        .update(String(p.action))
        .update(String(p.exiRequest ?? ''))
        .digest();
      return { status: 'Accepted', exiResponse: Buffer.concat([Buffer.from('EXI-RES:'), digest]).toString('base64') };
    },
    GetCertificateStatus: (ctx, p) => {
      const pki = ctx.o.pki;
      const id = p.ocspRequestData as Payload | undefined;
      if (!pki || !id) return { status: 'Failed', statusInfo: { reasonCode: 'NoResponder' } };
      const asked = ctx.faults.has('ocsp-result-other-certificate') ? { ...id, serialNumber: `${id.serialNumber}01` } : id;
      const der = ocspGoodResponse(
        {
          hashAlgorithm: asked.hashAlgorithm,
          issuerNameHash: asked.issuerNameHash,
          issuerKeyHash: asked.issuerKeyHash,
          serialNumber: asked.serialNumber,
        },
        pki.artifact('v2g-root'),
        new Date(ctx.now()),
      );
      return { status: 'Accepted', ocspResult: der.toString('base64') };
    },
  },
};
