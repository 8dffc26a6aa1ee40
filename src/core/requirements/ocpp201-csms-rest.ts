import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 requirements first named by the last CSMS cases of issue 14 (A_12/13, B_08, M_24,
 * M_26, M_28, N_46). Our words. B06.FR.05 is quoted by public OCTT re-implementations; the
 * others are taken from the use cases and marked inferred.
 */
export const OCPP201_CSMS_REST = defineRequirements('OCPP201', [
  [
    'B06.FR.05',
    'MUST',
    'The CSMS puts no more getVariableData elements in one GetVariablesRequest than the station reported in DeviceDataCtrlr.ItemsPerMessage[GetVariables].',
  ],
  [
    'A02.FR.03',
    'MUST',
    'A renewal names the kind of certificate: SignCertificate and CertificateSigned carry certificateType V2GCertificate for the ISO 15118 certificate and ChargingStationCertificate for the station certificate.',
    I,
  ],
  [
    'M01.FR.01',
    'MUST',
    "The CSMS answers a station's Get15118EVCertificate (action Install) with the EXI response of the contract PKI for the EV, base64 encoded.",
    I,
  ],
  [
    'M02.FR.01',
    'MUST',
    "The CSMS answers a station's Get15118EVCertificate (action Update) with the EXI response of the contract PKI for the EV, base64 encoded.",
    I,
  ],
  [
    'M06.FR.01',
    'MUST',
    'The CSMS answers GetCertificateStatus with the OCSP response (DER, base64) about exactly the certificate the station named.',
    I,
  ],
]);
