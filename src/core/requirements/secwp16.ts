import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * The OCA whitepaper "Improved security for OCPP 1.6-J": the security profiles, password and
 * certificate use cases of 2.0.1 brought to 1.6, with the whitepaper's own numbering (its
 * profile-2 TLS ids run one below 2.0.1's from 305 on). The 1.6 security cases (TC_073 to
 * TC_087, SEC16_*) cite these.
 */
export const SECWP16 = defineRequirements('SECWP16', [
  ['SECWP16-A00.FR.002', 'MUST', 'The Central System accepts a charge point only on the security profile configured for it.'],
  [
    'SECWP16-A00.FR.005',
    'MUST',
    'A charge point never lowers its security profile through OCPP and keeps its current connection when asked to.',
  ],
  [
    'SECWP16-A00.FR.202',
    'MUST',
    'On profile 1 the charge point sends HTTP Basic credentials with every upgrade, and the Central System refuses an upgrade without them.',
  ],
  [
    'SECWP16-A00.FR.203',
    'MUST',
    'The Basic credentials are the charge point identity and its AuthorizationKey, and the Central System refuses a wrong key with 401.',
    I,
  ],
  [
    'SECWP16-A00.FR.204',
    'MUST',
    'The Basic user name is the charge point identity from the URL, and the Central System refuses credentials under another user name.',
  ],
  [
    'SECWP16-A00.FR.205',
    'MUST',
    'The AuthorizationKey is a write-only secret of 16 to 20 random bytes, sent hex-encoded, that GetConfiguration never reveals.',
  ],
  ['SECWP16-A00.FR.302', 'MUST', 'On profile 2 the charge point sends HTTP Basic credentials inside the TLS connection.'],
  [
    'SECWP16-A00.FR.306',
    'MUST',
    'On profile 2 the Central System acts as TLS server and presents a certificate that chains to the Central System root and names its host.',
  ],
  ['SECWP16-A00.FR.307', 'MUST', 'On profile 2 the charge point verifies the certificate path of the Central System before any upgrade.'],
  ['SECWP16-A00.FR.308', 'MUST', 'On profile 2 the charge point checks that the Central System certificate names the host it connects to.'],
  [
    'SECWP16-A00.FR.309',
    'MUST',
    'On profile 2 a charge point that finds the Central System certificate invalid raises InvalidCentralSystemCertificate and ends the connection.',
  ],
  ['SECWP16-A00.FR.312', 'MUST', 'Profile 2 connections use TLS 1.2 or newer.'],
  ['SECWP16-A00.FR.313', 'MUST', 'The Central System refuses a handshake that offers only TLS versions below 1.2.'],
  [
    'SECWP16-A00.FR.317',
    'MUST',
    'On profile 2 the Central System supports the four OCPP TLS 1.2 suites: ECDHE-ECDSA and RSA key exchange, each with AES-128-GCM and AES-256-GCM.',
  ],
  ['SECWP16-A00.FR.318', 'MUST', 'The charge point offers both ECDHE-ECDSA GCM suites or both RSA GCM suites.'],
  [
    'SECWP16-A00.FR.402',
    'MUST',
    'On profile 3 the charge point presents a client certificate that chains to the root the Central System trusts.',
  ],
  [
    'SECWP16-A00.FR.403',
    'MUST',
    'On profile 3 the Central System verifies the client certificate of the charge point and accepts a valid one.',
  ],
  ['SECWP16-A00.FR.404', 'MUST', 'The organization (O) of the charge point certificate is the CPO name.'],
  ['SECWP16-A00.FR.405', 'MUST', 'The common name (CN) of the charge point certificate is the charge point serial number.'],
  ['SECWP16-A00.FR.407', 'MUST', 'On profile 3 the Central System refuses a charge point without a valid client certificate.'],
  ['SECWP16-A00.FR.411', 'MUST', 'On profile 3 the charge point verifies the certificate path of the Central System before any upgrade.'],
  ['SECWP16-A00.FR.412', 'MUST', 'On profile 3 the charge point checks that the Central System certificate names the host it connects to.'],
  [
    'SECWP16-A00.FR.413',
    'MUST',
    'On profile 3 a charge point that finds the Central System certificate invalid raises InvalidCentralSystemCertificate and ends the connection.',
  ],
  ['SECWP16-A00.FR.416', 'MUST', 'Profile 3 connections use TLS 1.2 or newer.'],
  ['SECWP16-A00.FR.422', 'MUST', 'On profile 3 the charge point offers both ECDHE-ECDSA GCM suites or both RSA GCM suites.'],
  [
    'SECWP16-A01.FR.01',
    'MUST',
    'The Central System sets a new AuthorizationKey with ChangeConfiguration, and a charge point that accepts it reconnects with the new key.',
  ],
  ['SECWP16-A01.FR.03', 'MUST', 'Once the charge point accepted a new AuthorizationKey, the Central System refuses the old one.'],
  ['SECWP16-A01.FR.12', 'MUST', 'The AuthorizationKey is never disclosed, neither in logs nor through configuration reads.'],
  [
    'SECWP16-A02.FR.02',
    'MUST',
    'On ExtendedTriggerMessage SignChargePointCertificate the charge point makes a new key pair and sends a PKCS#10 CSR for it with SignCertificate.',
  ],
  [
    'SECWP16-A02.FR.06',
    'MUST',
    'The charge point checks a certificate received with CertificateSigned against its trusted roots before using it.',
  ],
  [
    'SECWP16-A02.FR.07',
    'MUST',
    'A charge point rejects an invalid CertificateSigned certificate and raises InvalidChargePointCertificate, and the Central System handles that rejection.',
  ],
  [
    'SECWP16-A02.FR.08',
    'MUST',
    'The Central System returns a certificate for the CSR key, serial number and CPO, and the charge point then connects with it.',
  ],
  ['SECWP16-A02.FR.11', 'MUST', 'The Central System accepts a valid SignCertificate request and has the CSR signed.', I],
  ['SECWP16-A02.FR.13', 'MUST', 'The organization (O) in the CSR is the CPO name (CpoName).'],
  [
    'SECWP16-A04.FR.01',
    'MUST',
    'The charge point pushes critical security events with SecurityEventNotification, using the 1.6 event names.',
  ],
  ['SECWP16-A04.FR.03', 'MUST', 'The Central System acknowledges every SecurityEventNotification with an empty response.'],
  ['SECWP16-A04.FR.04', 'MUST', 'The charge point keeps its security events in a security log.'],
  [
    'SECWP16-A05.FR.01',
    'MUST',
    'The Central System raises the profile with ChangeConfiguration SecurityProfile, and a charge point rejects a value that is not higher than its current one.',
  ],
  ['SECWP16-A05.FR.02', 'MUST', 'A charge point accepts an upgrade to profile 1 or 2 only when an AuthorizationKey is set.', I],
  [
    'SECWP16-A05.FR.03',
    'MUST',
    'A charge point accepts an upgrade to profile 2 or 3 only when a Central System root certificate is installed.',
  ],
  ['SECWP16-A05.FR.04', 'MUST', 'A charge point accepts an upgrade to profile 3 only when it holds a valid charge point certificate.'],
  [
    'SECWP16-A05.FR.05',
    'MUST',
    'After accepting a higher profile the charge point reconnects on it, boots and reports the new SecurityProfile.',
    I,
  ],
  ['SECWP16-A05.FR.09', 'MUST', 'Once a charge point moved to a higher profile, the Central System refuses it on the lower one.'],
  [
    'SECWP16-L01.FR.01',
    'MUST',
    'A signed firmware update is reported with SignedFirmwareStatusNotification under the request id, and the Central System sends an integer requestId and answers every status.',
  ],
  [
    'SECWP16-L01.FR.03',
    'MUST',
    'An image whose signature does not verify is reported InvalidSignature, raises InvalidFirmwareSignature and is never installed.',
  ],
  [
    'SECWP16-L01.FR.04',
    'MUST',
    'A valid signed update runs through the statuses Downloading, Downloaded, SignatureVerified, Installing and Installed.',
    I,
  ],
  [
    'SECWP16-L01.FR.09',
    'MUST',
    'The firmware file the Central System points to can be downloaded, and its signature verifies with the signing certificate key.',
    I,
  ],
  [
    'SECWP16-L01.FR.11',
    'MUST',
    'SignedUpdateFirmware carries a retrieve time and a signing certificate that chains to the manufacturer root.',
    I,
  ],
  [
    'SECWP16-L01.FR.23',
    'MUST',
    'The charge point checks the signing certificate before accepting SignedUpdateFirmware, and accepts one that chains to its manufacturer root.',
    I,
  ],
  [
    'SECWP16-M03.FR.01',
    'MUST',
    'The Central System asks for installed certificates of a type with GetInstalledCertificateIds, and the charge point lists them with their hash data.',
  ],
  [
    'SECWP16-M04.FR.01',
    'MUST',
    'The Central System deletes a certificate with DeleteCertificate naming its reported hash data, and the charge point removes it.',
  ],
  ['SECWP16-M04.FR.02', 'MUST', 'DeleteCertificate for a certificate that is not installed is answered NotFound.', I],
  [
    'SECWP16-M04.FR.07',
    'MUST',
    'The Central System identifies the certificate to delete with the hash algorithm the charge point reported.',
    I,
  ],
  [
    'SECWP16-M05.FR.01',
    'MUST',
    'The Central System installs a root certificate with InstallCertificate of the matching type, and the charge point stores it and lists it.',
  ],
  [
    'SECWP16-M05.FR.06',
    'MUST',
    'A charge point rejects an invalid or expired root certificate and raises InvalidCentralSystemCertificate for a Central System root.',
  ],
  [
    'SECWP16-N01.FR.01',
    'MUST',
    'A log upload is reported with LogStatusNotification under the request id, and the Central System sends an integer requestId and an absolute remote location.',
  ],
  ['SECWP16-N01.FR.03', 'MUST', 'On GetLog SecurityLog the charge point uploads its security log to the given location.'],
]);
