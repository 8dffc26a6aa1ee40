/**
 * How the harness's security evidence relates to the controls auditors ask about: NIS2 Article 21
 * risk-management measures, IEC 62443-4-2 component requirements (CR) and ETSI EN 303 645
 * provisions. One row per area of our security catalogue (SEC-<FAMILY>-nn rules, by family) and
 * per OCPP security profile. Every description is in our own words; the control ids are the
 * documents' own numbering. This is the one data file to review: the reporters only read it.
 *
 * Read the mapping as "this evidence bears on that control", never as "passing these cases
 * satisfies the control": each control asks for much more than a protocol test can show.
 * Status: drafted from the public structure of the three documents, then reviewed by a second
 * reader against NIS2 Art. 21(2) (a)-(j), the CR/EDR titles of IEC 62443-4-2 and the provision
 * titles 5.1-5.13 of ETSI EN 303 645 (one fix: updates are EDR 3.10, not a CR). Numbering and
 * subject of each control are checked; whether a row's evidence is enough is the auditor's call.
 */

export const REVIEWED = true;

export interface ControlRef {
  /** The document's own id: "Art. 21(2)(h)", "CR 3.1", "5.5". */
  id: string;
  /** What the control is about, in our words. */
  about: string;
}

export interface RegulatoryRow {
  /** Stable key of the row. */
  key: string;
  /** The area of evidence, in our words. */
  area: string;
  /** Which evidence feeds the row: security-catalogue rule families, or one OCPP security profile. */
  evidence: { ruleFamilies: string[] } | { securityProfile: number };
  nis2: ControlRef[];
  iec62443_4_2: ControlRef[];
  etsiEn303645: ControlRef[];
}

const NIS2 = {
  b: { id: 'Art. 21(2)(b)', about: 'handling of security incidents' },
  c: { id: 'Art. 21(2)(c)', about: 'keeping operations running and recovering from disruption' },
  d: { id: 'Art. 21(2)(d)', about: 'security of the supply chain' },
  e: { id: 'Art. 21(2)(e)', about: 'security in acquiring, developing and maintaining systems, incl. vulnerability handling' },
  h: { id: 'Art. 21(2)(h)', about: 'use of cryptography and encryption' },
  i: { id: 'Art. 21(2)(i)', about: 'access control and asset management' },
  j: { id: 'Art. 21(2)(j)', about: 'strong authentication and secured communications' },
} satisfies Record<string, ControlRef>;

const CR = {
  '1.2': { id: 'CR 1.2', about: 'devices and software processes identify and authenticate themselves' },
  '1.5': { id: 'CR 1.5', about: 'management of authenticators (passwords, keys)' },
  '1.7': { id: 'CR 1.7', about: 'strength of password-based authentication' },
  '1.8': { id: 'CR 1.8', about: 'use of public key infrastructure certificates' },
  '1.9': { id: 'CR 1.9', about: 'strength of public key-based authentication' },
  '2.8': { id: 'CR 2.8', about: 'security-relevant events are recorded' },
  '3.1': { id: 'CR 3.1', about: 'integrity of communication' },
  '3.4': { id: 'CR 3.4', about: 'integrity of software and information' },
  '3.5': { id: 'CR 3.5', about: 'validation of input' },
  '3.6': { id: 'CR 3.6', about: 'predictable behaviour on invalid input' },
  // 62443-4-2 has no CR 3.10: updates are a per-device-type requirement (EDR/HDR/NDR 3.10).
  '3.10': { id: 'EDR 3.10', about: 'support for updates (embedded devices, such as a charging station)' },
  '4.1': { id: 'CR 4.1', about: 'confidentiality of information' },
  '4.3': { id: 'CR 4.3', about: 'use of cryptography' },
  '7.1': { id: 'CR 7.1', about: 'protection against denial of service' },
  '7.2': { id: 'CR 7.2', about: 'management of resources' },
} satisfies Record<string, ControlRef>;

const ETSI = {
  '5.1': { id: '5.1', about: 'no universal default passwords' },
  '5.3': { id: '5.3', about: 'keep software updated' },
  '5.4': { id: '5.4', about: 'store sensitive security parameters securely' },
  '5.5': { id: '5.5', about: 'communicate securely' },
  '5.6': { id: '5.6', about: 'minimise exposed attack surfaces' },
  '5.7': { id: '5.7', about: 'ensure software integrity' },
  '5.9': { id: '5.9', about: 'make systems resilient to outages' },
  '5.10': { id: '5.10', about: 'examine system telemetry data' },
  '5.13': { id: '5.13', about: 'validate input data' },
} satisfies Record<string, ControlRef>;

export const REGULATORY_MAP: readonly RegulatoryRow[] = [
  {
    key: 'tls',
    area: 'Transport encryption: TLS versions, cipher suites and server certificates',
    evidence: { ruleFamilies: ['TLS'] },
    nis2: [NIS2.h, NIS2.j],
    iec62443_4_2: [CR['3.1'], CR['4.1'], CR['4.3'], CR['1.9']],
    etsiEn303645: [ETSI['5.5']],
  },
  {
    key: 'cert',
    area: 'Certificate management: signing requests, installing and checking certificates',
    evidence: { ruleFamilies: ['CERT'] },
    nis2: [NIS2.h, NIS2.i],
    iec62443_4_2: [CR['1.8'], CR['1.9']],
    etsiEn303645: [ETSI['5.4'], ETSI['5.5']],
  },
  {
    key: 'auth',
    area: 'Authentication of connections: Basic auth handling and passwords that cannot be read back',
    evidence: { ruleFamilies: ['AUTH'] },
    nis2: [NIS2.i, NIS2.j],
    iec62443_4_2: [CR['1.2'], CR['1.5'], CR['1.7']],
    etsiEn303645: [ETSI['5.1'], ETSI['5.4']],
  },
  {
    key: 'identity',
    area: 'Station identity: no spoofing, cloning or acting on another station',
    evidence: { ruleFamilies: ['ID'] },
    nis2: [NIS2.i, NIS2.j],
    iec62443_4_2: [CR['1.2']],
    etsiEn303645: [ETSI['5.6']],
  },
  {
    key: 'input',
    area: 'Robust message handling: malformed, out-of-schema and out-of-order OCPP-J frames',
    evidence: { ruleFamilies: ['RPC'] },
    nis2: [NIS2.e],
    iec62443_4_2: [CR['3.5'], CR['3.6']],
    etsiEn303645: [ETSI['5.13'], ETSI['5.6']],
  },
  {
    key: 'availability',
    area: 'Availability under load and after attacks: floods, oversized frames, liveness afterwards',
    evidence: { ruleFamilies: ['DOS', 'LIVE'] },
    nis2: [NIS2.c],
    iec62443_4_2: [CR['7.1'], CR['7.2']],
    etsiEn303645: [ETSI['5.9']],
  },
  {
    key: 'logging',
    area: 'Security event logging and reporting',
    evidence: { ruleFamilies: ['LOG'] },
    nis2: [NIS2.b],
    iec62443_4_2: [CR['2.8']],
    etsiEn303645: [ETSI['5.10']],
  },
  {
    key: 'firmware',
    area: 'Firmware updates: safe download locations, signed images',
    evidence: { ruleFamilies: ['FW'] },
    nis2: [NIS2.d, NIS2.e],
    iec62443_4_2: [CR['3.4'], CR['3.10']],
    etsiEn303645: [ETSI['5.3'], ETSI['5.7']],
  },
  {
    key: 'sp1',
    area: 'OCPP security profile 1: Basic authentication over an unencrypted connection',
    evidence: { securityProfile: 1 },
    nis2: [NIS2.i],
    iec62443_4_2: [CR['1.2'], CR['1.7']],
    etsiEn303645: [ETSI['5.1']],
  },
  {
    key: 'sp2',
    area: 'OCPP security profile 2: TLS with server certificate and Basic authentication',
    evidence: { securityProfile: 2 },
    nis2: [NIS2.h, NIS2.j],
    iec62443_4_2: [CR['1.2'], CR['3.1'], CR['4.1'], CR['4.3']],
    etsiEn303645: [ETSI['5.5']],
  },
  {
    key: 'sp3',
    area: 'OCPP security profile 3: mutual TLS with client certificates',
    evidence: { securityProfile: 3 },
    nis2: [NIS2.h, NIS2.j],
    iec62443_4_2: [CR['1.8'], CR['1.9'], CR['3.1'], CR['4.1']],
    etsiEn303645: [ETSI['5.5']],
  },
];
