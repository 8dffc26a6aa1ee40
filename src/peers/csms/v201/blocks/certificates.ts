import { certificateHashData } from '../../../../pki/test-pki.js';
import type { Payload } from '../../../rpc.js';
import { CERTIFICATE_USES, ROOT_ARTIFACTS } from '../security.js';
import type { CsmsBlock } from '../state.js';
import { isResend, markedResend } from './payload.js';

/**
 * Certificate management (M03-M05): InstallCertificate takes the root from the run's PKI;
 * GetInstalledCertificateIds remembers the reported hash data; DeleteCertificate uses the
 * reported hash data (else computes SHA256 hash data of its own copy). Failed / NotFound
 * answers are final.
 */

function sameHash(a: Payload | undefined, b: Payload | undefined): boolean {
  if (!a || !b) return false;
  const n = (v: unknown) =>
    String(v ?? '')
      .toLowerCase()
      .replace(/^0+(?=.)/, '');
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    n(a.issuerNameHash) === n(b.issuerNameHash) &&
    n(a.issuerKeyHash) === n(b.issuerKeyHash) &&
    n(a.serialNumber) === n(b.serialNumber)
  );
}

export const certificates: CsmsBlock = {
  requests: {
    InstallCertificate: (ctx, p) => {
      const pki = ctx.o.pki;
      if (!pki) return 'the reference CSMS has no PKI to take certificates from';
      const certificateType: string = p.certificateType ?? 'CSMSRootCertificate';
      let artifact = ROOT_ARTIFACTS[certificateType];
      if (!artifact) return `the reference CSMS has no ${certificateType} to install`;
      if (certificateType === 'ManufacturerRootCertificate' && ctx.faults.has('installcert-sends-csms-root')) artifact = 'csms-root';
      if (certificateType === 'V2GRootCertificate' && ctx.faults.has('installcert-v2g-sends-csms-root')) artifact = 'csms-root';
      if (certificateType === 'MORootCertificate' && ctx.faults.has('installcert-mo-sends-csms-root')) artifact = 'csms-root';
      const sentType =
        certificateType === 'CSMSRootCertificate' && ctx.faults.has('installcert-wrong-type')
          ? 'ManufacturerRootCertificate'
          : certificateType;
      return { certificateType: sentType, certificate: pki.artifact(artifact).certPem };
    },
    GetInstalledCertificateIds: (ctx, p) => {
      const raw = p.certificateType;
      let types: string[] | undefined = raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
      if (types?.some((t) => !CERTIFICATE_USES.includes(t))) return `unknown certificate type in ${JSON.stringify(types)}`;
      if (ctx.faults.has('getinstalledcerts-type-dropped')) types = undefined;
      else if (types && ctx.faults.has('getinstalledcerts-first-type-only')) types = types.slice(0, 1);
      else if (!types && ctx.faults.has('getinstalledcerts-default-type')) types = ['CSMSRootCertificate'];
      return types ? { certificateType: types } : {};
    },
    DeleteCertificate: (ctx, p, st) => {
      if (p.certificateHashData && typeof p.certificateHashData === 'object') return { certificateHashData: p.certificateHashData };
      const certificateType: string = p.certificateType ?? 'ManufacturerRootCertificate';
      const reported = st.reportedCerts.find((c) => c.certificateType === certificateType);
      const artifact = ROOT_ARTIFACTS[certificateType];
      if (reported && !ctx.faults.has('deletecert-hash-sha384')) return { certificateHashData: reported.hashData };
      if (!artifact || !ctx.o.pki)
        return `no ${certificateType} is known for station ${st.serial}: ask for GetInstalledCertificateIds first`;
      // Hash data of a root: its issuer is itself (RFC 6960 CertID).
      const pem = ctx.o.pki.artifact(artifact).certPem;
      const algorithm = ctx.faults.has('deletecert-hash-sha384') ? 'SHA384' : (reported?.hashData.hashAlgorithm ?? 'SHA256');
      return { certificateHashData: certificateHashData(pem, pem, algorithm) };
    },
  },

  responses: {
    GetInstalledCertificateIds: (ctx, s, request, res) => {
      if (res.status === 'Accepted') {
        const reported = (res.certificateHashDataChain ?? []) as Payload[];
        ctx.station(s.identity).reportedCerts = reported.map((c) => ({
          certificateType: c.certificateType,
          hashData: c.certificateHashData,
        }));
      }
      if (res.status === 'NotFound' && ctx.faults.has('getinstalledcerts-notfound-resent') && !isResend(request))
        ctx.send(s, 'GetInstalledCertificateIds', markedResend(request));
    },
    InstallCertificate: (ctx, s, request, res) => {
      if (res.status !== 'Accepted' && ctx.faults.has('installcert-failed-resent') && !isResend(request))
        ctx.send(s, 'InstallCertificate', markedResend(request));
    },
    DeleteCertificate: (ctx, s, request, res) => {
      if (res.status === 'Failed' && ctx.faults.has('deletecert-failed-resent') && !isResend(request))
        ctx.send(s, 'DeleteCertificate', markedResend(request));
      if (res.status === 'Accepted') {
        const st = ctx.station(s.identity);
        st.reportedCerts = st.reportedCerts.filter((c) => !sameHash(c.hashData, request.certificateHashData));
      }
    },
  },
};
