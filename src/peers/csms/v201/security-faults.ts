import { SECURITY_EVENT_NAMES_201 } from '../../../protocol/security-events.js';
import type { FaultInfo } from '../../../engine/peer-contract.js';

/**
 * Security faults of the 2.0.1 reference CSMS: each breaks exactly one defence the security
 * suite (testcases/security/ocpp201) checks. "Crashes" close every connection and refuse new
 * ones until the CSMS is stopped.
 */
export const CSMS_201_SECURITY_FAULTS: FaultInfo[] = [
  // RPC framework robustness
  { name: 'non-json-closes-connection', description: 'a text frame that is not JSON makes the CSMS close that station connection instead of answering or ignoring it' },
  { name: 'lenient-rpc-arity', description: 'a CALL with a missing payload or extra trailing elements is executed as if it were well formed' },
  { name: 'unknown-message-type-executed', description: 'a frame with an unknown message type (a 2.1 SEND [6], 7, 99 ...) that carries an action is executed as a CALL' },
  { name: 'long-message-id-accepted', description: 'CALLs with an empty message id or one longer than 36 characters are executed' },
  { name: 'action-case-insensitive', description: 'action names are matched ignoring case and surrounding spaces, so "heartbeat" is executed as Heartbeat' },
  { name: 'crash-on-empty-boot', description: 'a BootNotification with an empty payload {} is answered with a CALLERROR, then the CSMS crashes' },
  { name: 'crash-on-nul-char', description: 'a request containing a NUL character in any string crashes the CSMS' },
  { name: 'crash-on-far-future-year', description: 'a request containing a date-time whose year has more than 4 digits (999999999-01-01T00:00:00Z) crashes the CSMS' },
  { name: 'replayed-txevent-applied-twice', description: 'a TransactionEvent whose seqNo was already processed is applied again: a replayed Started event re-opens its (ended) transaction' },
  { name: 'unsolicited-result-accepted', description: 'a CALLRESULT with an unknown message id is taken as the answer to the CSMS call that is outstanding' },
  { name: 'back-to-back-call-dropped', description: 'the CSMS handles one CALL at a time (30 ms each) and silently drops a CALL that arrives while it is still handling the previous one' },
  { name: 'malformed-callresult-crash', description: 'a CALLRESULT without an object payload (wrong arity or a non-object) crashes the CSMS' },
  { name: 'subprotocol-missing-accepted', description: 'an upgrade offering no supported subprotocol is completed and kept open as an OCPP 2.0.1 session' },
  { name: 'identity-path-500', description: 'an identity that decodes to a "/" or a NUL character is answered with HTTP 500' },
  { name: 'binary-frame-crash', description: 'a binary WebSocket frame crashes the CSMS' },
  { name: 'accepts-calls-after-rejected-boot', description: 'after a BootNotification answered Rejected the station\'s other calls are executed instead of answered SecurityError' },
  // Denial of service
  { name: 'oversized-message-crash', description: 'a message above the size limit crashes the CSMS instead of closing that one connection with 1009' },
  { name: 'heartbeat-flood-stall', description: 'more than 100 CALLs within one second on a connection stall the CSMS: it stops answering on every connection' },
  { name: 'slow-handshake-blocks-all', description: 'upgrade requests are served one at a time in connection order, so a client dribbling its headers holds every later handshake' },
  { name: 'ghost-session-blocks-reconnect', description: 'a new connection for a connected identity is always refused, even when the old session no longer answers pings' },
  { name: 'duplicate-identity-shadow', description: 'a second connection with the identity of a connected station is accepted and both stay open; commands go to the first' },
  { name: 'fragment-flood-crash', description: 'a message split into more than 1000 WebSocket fragments crashes the CSMS (every fragment is kept as its own buffer) instead of being assembled or refused' },
  { name: 'large-metervalues-crash', description: 'a schema-valid MeterValues request with more than 1000 sampled values in total (well within the 512 KiB message limit) crashes the CSMS instead of being processed or refused' },
  { name: 'deflate-bomb-crash', description: 'a permessage-deflate message that inflates beyond the 512 KiB message limit crashes the CSMS instead of closing that one connection with 1009' },
  // Identity and session
  { name: 'duplicate-identity-takeover', description: 'a second connection with the identity of a connected station replaces the live session without any check' },
  { name: 'clone-hijacks-commands', description: 'a second connection with the identity of a connected station is accepted alongside it and commands go to the newest connection' },
  { name: 'unknown-identity-auto-accepted', description: 'identities the CSMS does not know are auto-registered: the upgrade succeeds and their BootNotification is Accepted' },
  { name: 'txevent-cross-station', description: 'transactions are looked up by transactionId alone: an event from any station updates the record and moves it to that station' },
  { name: 'firmware-url-embeds-credentials', description: 'firmware locations (UpdateFirmware, PublishFirmware) carry the firmware repository\'s user name and password as user:password@ in the URL' },
  // Security events
  { name: 'securityevent-proprietary-rejected', description: 'a SecurityEventNotification whose type is not a standard 2.0.1 event type is answered with a CALLERROR' },
  // Security profiles: Basic auth (A00.FR.2xx/3xx)
  { name: 'basic-auth-password-max-20', description: 'Basic-auth passwords are stored cut to 20 characters (the 1.6 AuthorizationKey size), so a valid 2.0.1 password of 21 to 40 characters is refused' },
  { name: 'basic-auth-user-unchecked', description: 'the Basic-auth user name is not compared with the station identity: the right password with any user name is accepted' },
  { name: 'basic-auth-password-unchecked', description: 'a Basic-auth header with the station identity as user name is accepted whatever the password' },
  { name: 'missing-credentials-accepted', description: 'on profile 1/2 an upgrade without an Authorization header is accepted' },
  { name: 'malformed-basic-header-500', description: 'Basic credentials whose decoded value has no ":" are answered with HTTP 500 instead of 401' },
  // Security profiles: TLS (A00.FR.3xx/4xx)
  { name: 'server-cert-untrusted', description: 'the TLS server certificate is one the CSMS root did not issue (issued by an unknown CA)' },
  { name: 'server-cert-weak-key', description: 'the TLS server certificate has a 1024-bit RSA key (at least 2048 required)' },
  { name: 'ecdsa-certificate-missing', description: 'only the RSA server certificate is configured, so the two ECDHE-ECDSA suites OCPP requires cannot be negotiated' },
  { name: 'legacy-tls-accepted', description: 'TLS 1.0 and 1.1 (with CBC-SHA1 suites) are accepted besides TLS 1.2+' },
  { name: 'weak-cipher-suites-accepted', description: 'the TLS server also accepts NULL-encryption and anonymous (aNULL) cipher suites' },
  { name: 'client-cert-not-requested', description: 'the TLS server never asks for a client certificate, so profile-3 stations cannot authenticate and are refused' },
  { name: 'client-cert-cn-unchecked', description: 'on profile 3 any verified station certificate is accepted: its CN is not compared with the serial number registered for the identity' },
  { name: 'plain-ws-accepted-for-tls-station', description: 'a station registered on profile 2/3 may also connect over plain ws:// (with its Basic credentials, or none on profile 3)' },
  { name: 'lower-profile-accepted-after-upgrade', description: 'after a station moved to a higher security profile (SetNetworkProfile, reconnect) the CSMS still accepts it on the old, lower profile' },
  // Password rotation (A01)
  { name: 'old-password-kept-after-update', description: 'after the station accepted a new BasicAuthPassword the old password is still accepted' },
  { name: 'password-switched-before-answer', description: 'the CSMS switches to the new BasicAuthPassword when it sends SetVariables, so after a Rejected answer the (still valid) old password is refused' },
  // The CSMS as CA (A02/A03)
  { name: 'certificate-signed-other-key', description: 'the certificate sent in CertificateSigned carries a public key other than the one in the station\'s CSR' },
  { name: 'issued-cert-not-yet-valid', description: 'certificates issued for a CSR are valid only from 10 days in the future' },
  { name: 'csr-subject-unchecked', description: 'SignCertificate CSRs are signed whatever their CN and O (another station\'s serial number, another organisation)' },
  { name: 'old-client-cert-revoked-on-issue', description: 'as soon as the CSMS issues a renewed station certificate it accepts only that one, so a station that rejected it cannot reconnect with its current certificate' },
  // Certificate management (M)
  { name: 'installcert-wrong-type', description: 'InstallCertificate of the CSMS root certificate is sent with certificateType ManufacturerRootCertificate' },
  { name: 'installcert-sends-csms-root', description: 'InstallCertificate of the manufacturer root certificate carries the CSMS root certificate instead' },
  { name: 'installcert-failed-resent', description: 'when a station answers InstallCertificate Failed or Rejected, the CSMS sends the same InstallCertificate again at once' },
  { name: 'getinstalledcerts-type-dropped', description: 'GetInstalledCertificateIdsRequest omits the certificate types the operator chose (asking for every type)' },
  { name: 'getinstalledcerts-first-type-only', description: 'GetInstalledCertificateIdsRequest carries only the first of several certificate types' },
  { name: 'getinstalledcerts-default-type', description: 'GetInstalledCertificateIdsRequest for all certificates is sent with certificateType [CSMSRootCertificate]' },
  { name: 'getinstalledcerts-notfound-resent', description: 'when a station answers GetInstalledCertificateIds NotFound, the CSMS sends the same request again at once' },
  { name: 'deletecert-hash-sha384', description: 'DeleteCertificate hash data is computed by the CSMS with SHA384 instead of taken from what the station reported (SHA256)' },
  { name: 'deletecert-failed-resent', description: 'when a station answers DeleteCertificate Failed, the CSMS sends the same DeleteCertificate again at once' },
];

/** Faults implemented at the frame level, through RpcPeer.intercept(). */
export const FRAME_FAULTS = new Set([
  'non-json-closes-connection',
  'lenient-rpc-arity',
  'unknown-message-type-executed',
  'long-message-id-accepted',
  'action-case-insensitive',
  'crash-on-empty-boot',
  'crash-on-nul-char',
  'crash-on-far-future-year',
  'unsolicited-result-accepted',
  'back-to-back-call-dropped',
  'malformed-callresult-crash',
  'binary-frame-crash',
  'heartbeat-flood-stall',
]);

/** The 2.0.1 security event types (Part 2 appendix), critical and not. */
export const STANDARD_SECURITY_EVENTS_201 = SECURITY_EVENT_NAMES_201;
