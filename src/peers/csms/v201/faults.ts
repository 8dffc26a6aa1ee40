import { defineFaults, type FaultName } from '../../faults.js';
import { CSMS_201_HL_FAULTS } from './faults-hl.js';
import { CSMS_201_CDPI_FAULTS } from './faults-cdpi.js';
import { CSMS_201_NO_FAULTS } from './faults-no.js';
import { CSMS_201_K_FAULTS } from './faults-k.js';
import { CSMS_201_GAP_FAULTS } from './faults-gaps.js';
import { CSMS_201_REST_FAULTS } from './faults-rest.js';

/**
 * Faults of the 2.0.1 reference CSMS (the base of the 2.0.1/2.1 family): each breaks exactly one
 * behaviour, in the handler of its block ('OCPP-J': the RPC framework and the connection).
 * "Crashes" close every connection and refuse new ones until the CSMS is stopped.
 */
export const CSMS_201_FAULTS = defineFaults({
  ...CSMS_201_HL_FAULTS,
  ...CSMS_201_NO_FAULTS,
  ...CSMS_201_GAP_FAULTS,
  // Provisioning (B)
  'boot-no-interval': { block: 'B', description: 'BootNotificationResponse omits the required interval field' },
  'getvariables-attribute-target': {
    block: 'B',
    description: 'GetVariablesRequest asks for the Target attribute instead of the Actual value the operator wanted',
  },
  'getvariables-first-only': { block: 'B', description: 'GetVariablesRequest carries only the first of several requested variables' },
  'setvariables-value-number': {
    block: 'B',
    description: 'SetVariablesRequest sends a numeric-looking attributeValue as a JSON number instead of a string',
  },
  'setvariables-first-only': { block: 'B', description: 'SetVariablesRequest carries only the first of several variables to set' },
  'basereport-wrong-base': {
    block: 'B',
    description: 'GetBaseReportRequest always asks for FullInventory, whatever report the operator chose',
  },
  'notifyreport-tbc-error': { block: 'B', description: 'a NotifyReportRequest with tbc=true is answered with a CALLERROR' },
  'reset-onidle-as-immediate': { block: 'B', description: 'an OnIdle reset is sent as ResetRequest type Immediate' },
  'reset-scheduled-escalates': {
    block: 'B',
    description: 'when a station answers a reset Scheduled, the CSMS at once sends a second, Immediate ResetRequest',
  },
  'reset-immediate-as-onidle': { block: 'B', description: 'an Immediate reset is sent as ResetRequest type OnIdle' },
  'reset-evse-dropped': { block: 'B', description: 'an EVSE reset is sent without evseId, resetting the whole station' },
  // Transactions (E) and authorization (C)
  'txevent-updated-no-idtokeninfo': {
    block: 'E',
    description: 'TransactionEventResponse to an Updated event carrying an idToken omits idTokenInfo',
  },
  'authorize-valid-unknown': { block: 'C', description: 'AuthorizeRequest for the configured valid idToken is answered Unknown' },
  'txevent-started-requires-idtoken': {
    block: 'E',
    description: 'a Started TransactionEventRequest without idToken is answered with a CALLERROR',
  },
  'txevent-started-no-idtokeninfo': {
    block: 'E',
    description: 'TransactionEventResponse to a Started event carrying an idToken omits idTokenInfo',
  },
  'txevent-ended-no-idtokeninfo': {
    block: 'E',
    description: 'TransactionEventResponse to an Ended event carrying an idToken omits idTokenInfo',
  },
  'txevent-accepts-any-token': {
    block: 'E',
    description: 'idTokens in TransactionEventRequests are not checked: every token is answered Accepted',
  },
  'remotestop-wrong-txid': {
    block: 'F',
    description: 'RequestStopTransactionRequest carries the CSMS internal record number instead of the station transactionId',
  },
  'txstatus-missing-txid': { block: 'E', description: 'GetTransactionStatusRequest omits the transactionId the operator asked about' },
  'txevent-seqno-per-station': {
    block: 'E',
    description: 'seqNo is tracked per station, so a new transaction restarting at seqNo 0 is dropped unanswered as a duplicate',
  },
  // Remote control (F)
  'remotestart-evse-dropped': { block: 'F', description: 'RequestStartTransactionRequest omits the evseId the operator chose' },
  'remotestart-token-type-central': {
    block: 'F',
    description: 'RequestStartTransactionRequest sends the idToken with type Central instead of its configured type',
  },
  'unlock-evse-zero': { block: 'F', description: 'UnlockConnectorRequest is sent with evseId 0 instead of the chosen EVSE' },
  'trigger-evse-dropped': { block: 'F', description: 'TriggerMessageRequest omits the EVSE the operator chose' },
  'heartbeat-time-no-zone': {
    block: 'G',
    description: 'HeartbeatResponse.currentTime has no time zone designator (not an RFC 3339 date-time)',
  },
  // Availability (G)
  'availability-evse-omitted': { block: 'G', description: 'an EVSE-level ChangeAvailabilityRequest is sent without evse (station-wide)' },
  'availability-operative-inverted': { block: 'G', description: 'ChangeAvailabilityRequest for Operative is sent as Inoperative' },
  'availability-station-evse-zero': {
    block: 'G',
    description: 'a station-wide ChangeAvailabilityRequest carries evse.id 0 instead of omitting evse',
  },
  'availability-connector-omitted': { block: 'G', description: 'a connector-level ChangeAvailabilityRequest omits evse.connectorId' },
  'availability-scheduled-retry': {
    block: 'G',
    description: 'when a station answers ChangeAvailability Scheduled, the CSMS re-sends the request at once',
  },
  // Meter values (J)
  'metervalues-evse0-rejected': {
    block: 'J',
    description: 'MeterValuesRequest for evseId 0 (the main meter) is answered with a CALLERROR',
  },
  'meter-requires-measurand': {
    block: 'J',
    description: 'a TransactionEventRequest whose sampledValue omits measurand (default Energy.Active.Import.Register) gets a CALLERROR',
  },
  'meter-decimal-rejected': { block: 'J', description: 'a TransactionEventRequest with a non-integer sampledValue value gets a CALLERROR' },
  'txevent-ended-multi-meter-error': {
    block: 'J',
    description: 'an Ended TransactionEventRequest with more than one meterValue gets a CALLERROR',
  },
  // Security suite: RPC framework robustness
  'non-json-closes-connection': {
    block: 'OCPP-J',
    description: 'a text frame that is not JSON makes the CSMS close that station connection instead of answering or ignoring it',
  },
  'lenient-rpc-arity': {
    block: 'OCPP-J',
    description: 'a CALL with a missing payload or extra trailing elements is executed as if it were well formed',
  },
  'unknown-message-type-executed': {
    block: 'OCPP-J',
    description: 'a frame with an unknown message type (a 2.1 SEND [6], 7, 99 ...) that carries an action is executed as a CALL',
  },
  'long-message-id-accepted': {
    block: 'OCPP-J',
    description: 'CALLs with an empty message id or one longer than 36 characters are executed',
  },
  'action-case-insensitive': {
    block: 'OCPP-J',
    description: 'action names are matched ignoring case and surrounding spaces, so "heartbeat" is executed as Heartbeat',
  },
  'crash-on-empty-boot': {
    block: 'OCPP-J',
    description: 'a BootNotification with an empty payload {} is answered with a CALLERROR, then the CSMS crashes',
  },
  'crash-on-nul-char': { block: 'OCPP-J', description: 'a request containing a NUL character in any string crashes the CSMS' },
  'crash-on-far-future-year': {
    block: 'OCPP-J',
    description: 'a request containing a date-time whose year has more than 4 digits (999999999-01-01T00:00:00Z) crashes the CSMS',
  },
  'replayed-txevent-applied-twice': {
    block: 'E',
    description:
      'a TransactionEvent whose seqNo was already processed is applied again: a replayed Started event re-opens its (ended) transaction',
  },
  'unsolicited-result-accepted': {
    block: 'OCPP-J',
    description: 'a CALLRESULT with an unknown message id is taken as the answer to the CSMS call that is outstanding',
  },
  'back-to-back-call-dropped': {
    block: 'OCPP-J',
    description:
      'the CSMS handles one CALL at a time (30 ms each) and silently drops a CALL that arrives while it is still handling the previous one',
  },
  'malformed-callresult-crash': {
    block: 'OCPP-J',
    description: 'a CALLRESULT without an object payload (wrong arity or a non-object) crashes the CSMS',
  },
  'subprotocol-missing-accepted': {
    block: 'OCPP-J',
    description: 'an upgrade offering no supported subprotocol is completed and kept open as an OCPP 2.0.1 session',
  },
  'identity-path-500': { block: 'OCPP-J', description: 'an identity that decodes to a "/" or a NUL character is answered with HTTP 500' },
  'binary-frame-crash': { block: 'OCPP-J', description: 'a binary WebSocket frame crashes the CSMS' },
  'accepts-calls-after-rejected-boot': {
    block: 'B',
    description: "after a BootNotification answered Rejected the station's other calls are executed instead of answered SecurityError",
  },
  // Security suite: denial of service
  'oversized-message-crash': {
    block: 'OCPP-J',
    description: 'a message above the size limit crashes the CSMS instead of closing that one connection with 1009',
  },
  'heartbeat-flood-stall': {
    block: 'OCPP-J',
    description: 'more than 100 CALLs within one second on a connection stall the CSMS: it stops answering on every connection',
  },
  'slow-handshake-blocks-all': {
    block: 'OCPP-J',
    description:
      'upgrade requests are served one at a time in connection order, so a client dribbling its headers holds every later handshake',
  },
  'ghost-session-blocks-reconnect': {
    block: 'OCPP-J',
    description: 'a new connection for a connected identity is always refused, even when the old session no longer answers pings',
  },
  'duplicate-identity-shadow': {
    block: 'OCPP-J',
    description: 'a second connection with the identity of a connected station is accepted and both stay open; commands go to the first',
  },
  'fragment-flood-crash': {
    block: 'OCPP-J',
    description:
      'a message split into more than 1000 WebSocket fragments crashes the CSMS (every fragment is kept as its own buffer) instead of being assembled or refused',
  },
  'large-metervalues-crash': {
    block: 'J',
    description:
      'a schema-valid MeterValues request with more than 1000 sampled values in total (well within the 512 KiB message limit) crashes the CSMS instead of being processed or refused',
  },
  'deflate-bomb-crash': {
    block: 'OCPP-J',
    description:
      'a permessage-deflate message that inflates beyond the 512 KiB message limit crashes the CSMS instead of closing that one connection with 1009',
  },
  // Security suite: identity and session
  'duplicate-identity-takeover': {
    block: 'OCPP-J',
    description: 'a second connection with the identity of a connected station replaces the live session without any check',
  },
  'clone-hijacks-commands': {
    block: 'OCPP-J',
    description:
      'a second connection with the identity of a connected station is accepted alongside it and commands go to the newest connection',
  },
  'unknown-identity-auto-accepted': {
    block: 'OCPP-J',
    description: 'identities the CSMS does not know are auto-registered: the upgrade succeeds and their BootNotification is Accepted',
  },
  'txevent-cross-station': {
    block: 'E',
    description:
      'transactions are looked up by transactionId alone: an event from any station updates the record and moves it to that station',
  },
  'firmware-url-embeds-credentials': {
    block: 'L',
    description:
      "firmware locations (UpdateFirmware, PublishFirmware) carry the firmware repository's user name and password as user:password@ in the URL",
  },
  // Security suite: security events
  'securityevent-proprietary-rejected': {
    block: 'A',
    description: 'a SecurityEventNotification whose type is not a standard 2.0.1 event type is answered with a CALLERROR',
  },
  // Security profiles: Basic auth (A00.FR.2xx/3xx)
  'basic-auth-password-max-20': {
    block: 'A',
    description:
      'Basic-auth passwords are stored cut to 20 characters (the 1.6 AuthorizationKey size), so a valid 2.0.1 password of 21 to 40 characters is refused',
  },
  'basic-auth-user-unchecked': {
    block: 'A',
    description: 'the Basic-auth user name is not compared with the station identity: the right password with any user name is accepted',
  },
  'basic-auth-password-unchecked': {
    block: 'A',
    description: 'a Basic-auth header with the station identity as user name is accepted whatever the password',
  },
  'missing-credentials-accepted': { block: 'A', description: 'on profile 1/2 an upgrade without an Authorization header is accepted' },
  'malformed-basic-header-500': {
    block: 'A',
    description: 'Basic credentials whose decoded value has no ":" are answered with HTTP 500 instead of 401',
  },
  // Security profiles: TLS (A00.FR.3xx/4xx)
  'server-cert-untrusted': {
    block: 'A',
    description: 'the TLS server certificate is one the CSMS root did not issue (issued by an unknown CA)',
  },
  'server-cert-weak-key': { block: 'A', description: 'the TLS server certificate has a 1024-bit RSA key (at least 2048 required)' },
  'ecdsa-certificate-missing': {
    block: 'A',
    description: 'only the RSA server certificate is configured, so the two ECDHE-ECDSA suites OCPP requires cannot be negotiated',
  },
  'legacy-tls-accepted': { block: 'A', description: 'TLS 1.0 and 1.1 (with CBC-SHA1 suites) are accepted besides TLS 1.2+' },
  'weak-cipher-suites-accepted': {
    block: 'A',
    description: 'the TLS server also accepts NULL-encryption and anonymous (aNULL) cipher suites',
  },
  'client-cert-not-requested': {
    block: 'A',
    description: 'the TLS server never asks for a client certificate, so profile-3 stations cannot authenticate and are refused',
  },
  'client-cert-cn-unchecked': {
    block: 'A',
    description:
      'on profile 3 any verified station certificate is accepted: its CN is not compared with the serial number registered for the identity',
  },
  'plain-ws-accepted-for-tls-station': {
    block: 'A',
    description: 'a station registered on profile 2/3 may also connect over plain ws:// (with its Basic credentials, or none on profile 3)',
  },
  'lower-profile-accepted-after-upgrade': {
    block: 'A',
    description:
      'after a station moved to a higher security profile (SetNetworkProfile, reconnect) the CSMS still accepts it on the old, lower profile',
  },
  // Password rotation (A01)
  'old-password-kept-after-update': {
    block: 'A',
    description: 'after the station accepted a new BasicAuthPassword the old password is still accepted',
  },
  'password-switched-before-answer': {
    block: 'A',
    description:
      'the CSMS switches to the new BasicAuthPassword when it sends SetVariables, so after a Rejected answer the (still valid) old password is refused',
  },
  // The CSMS as CA (A02/A03)
  'certificate-signed-other-key': {
    block: 'A',
    description: "the certificate sent in CertificateSigned carries a public key other than the one in the station's CSR",
  },
  'issued-cert-not-yet-valid': { block: 'A', description: 'certificates issued for a CSR are valid only from 10 days in the future' },
  'csr-subject-unchecked': {
    block: 'A',
    description: "SignCertificate CSRs are signed whatever their CN and O (another station's serial number, another organisation)",
  },
  'old-client-cert-revoked-on-issue': {
    block: 'A',
    description:
      'as soon as the CSMS issues a renewed station certificate it accepts only that one, so a station that rejected it cannot reconnect with its current certificate',
  },
  // Certificate management (M)
  'installcert-wrong-type': {
    block: 'M',
    description: 'InstallCertificate of the CSMS root certificate is sent with certificateType ManufacturerRootCertificate',
  },
  'installcert-sends-csms-root': {
    block: 'M',
    description: 'InstallCertificate of the manufacturer root certificate carries the CSMS root certificate instead',
  },
  'installcert-failed-resent': {
    block: 'M',
    description: 'when a station answers InstallCertificate Failed or Rejected, the CSMS sends the same InstallCertificate again at once',
  },
  'getinstalledcerts-type-dropped': {
    block: 'M',
    description: 'GetInstalledCertificateIdsRequest omits the certificate types the operator chose (asking for every type)',
  },
  'getinstalledcerts-first-type-only': {
    block: 'M',
    description: 'GetInstalledCertificateIdsRequest carries only the first of several certificate types',
  },
  'getinstalledcerts-default-type': {
    block: 'M',
    description: 'GetInstalledCertificateIdsRequest for all certificates is sent with certificateType [CSMSRootCertificate]',
  },
  'getinstalledcerts-notfound-resent': {
    block: 'M',
    description: 'when a station answers GetInstalledCertificateIds NotFound, the CSMS sends the same request again at once',
  },
  'deletecert-hash-sha384': {
    block: 'M',
    description: 'DeleteCertificate hash data is computed by the CSMS with SHA384 instead of taken from what the station reported (SHA256)',
  },
  'deletecert-failed-resent': {
    block: 'M',
    description: 'when a station answers DeleteCertificate Failed, the CSMS sends the same DeleteCertificate again at once',
  },
  ...CSMS_201_CDPI_FAULTS,
  ...CSMS_201_K_FAULTS,
  ...CSMS_201_REST_FAULTS,
});

export type Csms201Fault = FaultName<typeof CSMS_201_FAULTS>;

/** Faults implemented at the frame level, through RpcPeer.intercept() (blocks/frame-handling.ts). */
export const FRAME_FAULTS: readonly Csms201Fault[] = [
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
];
