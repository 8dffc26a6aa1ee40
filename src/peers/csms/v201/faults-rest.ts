import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference CSMS for the last cases of issue 14 (A_12/13, B_08, B_31, M_04,
 * M_24, M_26, M_28, N_46): each breaks exactly one behaviour. Spread into CSMS_201_FAULTS.
 */
export const CSMS_201_REST_FAULTS = defineFaults({
  'installcert-mo-sends-csms-root': {
    block: 'M',
    description: 'InstallCertificate for the MO root sends the CSMS root certificate under certificateType MORootCertificate',
  },
  'triggered-boot-kept-pending': {
    block: 'B',
    description:
      'a BootNotification with reason Triggered from a station last answered Pending is answered Pending again, even once the operator accepted it',
  },
  'getvariables-limit-ignored': {
    block: 'B',
    description:
      "GetVariablesRequest puts every element the operator asked for in one message, whatever the station's ItemsPerMessage[GetVariables]",
  },
  'customerinfo-clear-list-keeps-info': {
    block: 'N',
    description:
      "after erasing a customer's data by idToken, the CSMS's local list update for that token carries idTokenInfo again (it stays on the list) instead of removing it",
  },
  'ev-certificate-exi-missing': {
    block: 'M',
    description: 'Get15118EVCertificate is answered Accepted with an empty exiResponse (nothing for the EV)',
  },
  'ocsp-result-other-certificate': {
    block: 'M',
    description: 'GetCertificateStatus is answered with an OCSP response about another certificate (a different serial number)',
  },
  'v2g-certificate-signed-as-station-type': {
    block: 'A',
    description:
      'CertificateSigned for a signed V2G certificate names certificateType ChargingStationCertificate, so the station would use it for its CSMS connection',
  },
});
