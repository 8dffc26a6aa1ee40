/**
 * Operator-action request builders of the independent 2.0.1 CSMS added for issue 14's gap slice
 * (blocks E, F, G, M), merged over the base builders of csms201.ts: TriggerMessage passes the
 * connector the operator chose as well (F06, TC_F_23/24_CSMS); InstallCertificate also installs
 * the V2G root (TC_M_03_CSMS); SetNetworkProfile stores a profile for this plain-ws judge in the
 * chosen slot (TC_B_42/44_CSMS); GetReport passes criteria and a component/variable (TC_B_18_CSMS).
 */
import type { CsmsPeerOptions } from '../../src/engine/peer-contract.js';
import type { Payload } from './common.js';

const defined = (o: Payload): Payload => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const ROOTS: Record<string, string> = {
  CSMSRootCertificate: 'csms-root',
  ManufacturerRootCertificate: 'manufacturer-root',
  V2GRootCertificate: 'v2g-root',
  MORootCertificate: 'mo-root',
};

export function gapRequests(o: CsmsPeerOptions): Record<string, (d: Payload) => Payload | string> {
  let reportRequests = 500;
  return {
    GetReport: (d) =>
      defined({
        requestId: reportRequests++,
        componentCriteria: d.componentCriteria,
        componentVariable:
          d.component !== undefined
            ? [defined({ component: { name: d.component }, variable: d.variable ? { name: d.variable } : undefined })]
            : undefined,
      }),
    TriggerMessage: (d) =>
      defined({
        requestedMessage: d.requestedMessage,
        evse: d.evseId !== undefined ? defined({ id: d.evseId, connectorId: d.connectorId }) : undefined,
      }),
    SetNetworkProfile: (d) => ({
      configurationSlot: d.configurationSlot ?? 1,
      connectionData: {
        ocppVersion: 'OCPP20',
        ocppTransport: 'JSON',
        ocppCsmsUrl: `ws://${o.host}:${o.port}/`,
        messageTimeout: 30,
        securityProfile: d.securityProfile ?? 1,
        ocppInterface: 'Wired0',
      },
    }),
    InstallCertificate: (d) => {
      const certificateType = d.certificateType ?? 'CSMSRootCertificate';
      const artifact = ROOTS[certificateType];
      if (!o.pki || !artifact) return 'no PKI or no such root';
      return { certificateType, certificate: o.pki.artifact(artifact).certPem };
    },
  };
}
