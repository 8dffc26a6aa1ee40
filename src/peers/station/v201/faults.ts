import { defineFaults, type FaultName } from '../../faults.js';
import { STATION_201_AUTH_FAULTS } from './faults-auth.js';
import { STATION_201_LMNP_FAULTS } from './faults-lmnp.js';
import { STATION_201_TX_POINT_FAULTS } from './faults-tx-points.js';
import { STATION_201_PROVISIONING_FAULTS } from './faults-provisioning.js';
import { STATION_201_FGJ_FAULTS } from './faults-fgj.js';
import { STATION_201_TX_OFFLINE_FAULTS } from './faults-tx-offline.js';
import { STATION_201_FIRMWARE_FAULTS } from './faults-firmware.js';
import { STATION_201_EVSIDE_FAULTS } from './faults-evside.js';

/**
 * Faults of the 2.0.1 reference station: each breaks exactly one behaviour. `block` is the
 * functional block (or security suite group) of the case that proves the fault.
 */
export const STATION_201_FAULTS = defineFaults({
  ...STATION_201_AUTH_FAULTS,
  ...STATION_201_LMNP_FAULTS,
  ...STATION_201_TX_POINT_FAULTS,
  ...STATION_201_PROVISIONING_FAULTS,
  ...STATION_201_FGJ_FAULTS,
  ...STATION_201_TX_OFFLINE_FAULTS,
  ...STATION_201_FIRMWARE_FAULTS,
  ...STATION_201_EVSIDE_FAULTS,
  'boot-invalid-reason': { block: 'B', description: 'BootNotification carries reason "Booted", which is not a BootReasonEnumType value' },
  'pending-sends-status': {
    block: 'B',
    description: 'while its boot is Pending the station already reports its connectors with StatusNotification',
  },
  'rejected-retry-early': {
    block: 'B',
    description: 'after a Rejected boot the station retries BootNotification at once instead of waiting the interval',
  },
  'notifyreport-seqno-from-1': {
    block: 'B',
    description: 'the NotifyReport pages of a base report are numbered from seqNo 1 instead of 0',
  },
  'notifyreport-wrong-requestid': {
    block: 'B',
    description: 'the NotifyReport pages of a base report carry another requestId than the GetBaseReport request',
  },
  'getvar-omits-value': { block: 'B', description: 'GetVariables results with status Accepted carry no attributeValue' },
  'getvar-only-first': { block: 'B', description: 'GetVariables answers only the first requested variable' },
  'getvar-unknown-component-misreported': { block: 'B', description: 'GetVariables reports an unknown component as UnknownVariable' },
  'setvar-not-applied': { block: 'B', description: 'SetVariables answers Accepted but does not store the new value' },
  'setvar-only-first': { block: 'B', description: 'SetVariables answers only the first variable of the request' },
  'setvar-readonly-accepted': { block: 'B', description: 'SetVariables on a read-only variable answers Accepted instead of Rejected' },
  'reset-wrong-boot-reason': {
    block: 'B',
    description: 'after a Reset requested by the CSMS the station boots with reason PowerUp instead of RemoteReset',
  },
  'reset-onidle-immediate': {
    block: 'B',
    description: 'Reset OnIdle during a transaction is answered Accepted and performed at once, ending the transaction',
  },
  'reset-immediate-no-tx-end': {
    block: 'B',
    description: 'Reset Immediate during a transaction reboots without sending TransactionEvent Ended',
  },
  'tx-started-no-idtoken': { block: 'E', description: 'TransactionEvent Started of a locally authorized transaction carries no idToken' },
  'auth-first-forgets-token': {
    block: 'E',
    description: 'a token authorized before the cable is plugged in is forgotten: plugging in starts no transaction',
  },
  'local-stop-ignored': { block: 'E', description: 'presenting the token that started the transaction again does not stop it' },
  'unplug-wrong-stopped-reason': {
    block: 'E',
    description: 'a transaction ended by unplugging the cable reports stoppedReason Local instead of EVDisconnected',
  },
  'txstatus-not-ongoing': { block: 'E', description: 'GetTransactionStatus reports ongoingIndicator false for the running transaction' },
  'remote-start-no-remotestartid': {
    block: 'F',
    description: 'TransactionEvent Started of a remotely started transaction omits remoteStartId',
  },
  'remote-start-skips-authorize': {
    block: 'F',
    description: 'RequestStartTransaction starts without Authorize even though AuthorizeRemoteStart is true',
  },
  'remote-start-authorizes-anyway': {
    block: 'F',
    description: 'RequestStartTransaction sends Authorize even though AuthorizeRemoteStart is false',
  },
  'remote-stop-wrong-trigger': {
    block: 'F',
    description: 'a transaction stopped by RequestStopTransaction reports triggerReason StopAuthorized instead of RemoteStop',
  },
  'remote-stop-unknown-accepted': { block: 'F', description: 'RequestStopTransaction for an unknown transactionId is answered Accepted' },
  'trigger-heartbeat-ignored': { block: 'F', description: 'TriggerMessage Heartbeat is Accepted but no Heartbeat follows' },
  'trigger-status-wrong-evse': {
    block: 'F',
    description: 'a triggered StatusNotification names evse 0 / connector 0 instead of the requested connector',
  },
  'trigger-metervalues-wrong-context': {
    block: 'F',
    description: 'triggered MeterValues use reading context Sample.Periodic instead of Trigger',
  },
  'trigger-boot-when-accepted': {
    block: 'F',
    description: 'TriggerMessage BootNotification is Accepted although the boot was already accepted',
  },
  'trigger-unsupported-accepted': {
    block: 'F',
    description: 'TriggerMessage for a message the station does not implement is answered Accepted',
  },
  'availability-evse-no-status': {
    block: 'G',
    description: 'an EVSE made Inoperative is not reported Unavailable with StatusNotification',
  },
  'availability-evse-stays-unavailable': { block: 'G', description: 'an EVSE made Operative again stays Unavailable' },
  'availability-station-rejected': { block: 'G', description: 'ChangeAvailability for the whole station (no evse) is Rejected' },
  'availability-station-operative-no-status': {
    block: 'G',
    description: 'making the whole station Operative again reports no StatusNotification Available',
  },
  'availability-connector-rejected': { block: 'G', description: 'ChangeAvailability for a single connector is Rejected' },
  'availability-tx-not-scheduled': {
    block: 'G',
    description: 'ChangeAvailability Inoperative during a transaction is applied at once (Accepted) instead of Scheduled',
  },
  'aligned-wrong-context': {
    block: 'J',
    description: 'clock-aligned MeterValues outside a transaction use reading context Sample.Periodic',
  },
  'aligned-tx-wrong-trigger': {
    block: 'J',
    description: 'clock-aligned values during a transaction are sent with triggerReason MeterValuePeriodic',
  },
  'periodic-wrong-context': {
    block: 'J',
    description: 'periodic transaction meter values use reading context Sample.Clock instead of Sample.Periodic',
  },
  'started-no-metervalue': { block: 'J', description: 'TransactionEvent Started carries no Transaction.Begin meter value' },
  'ended-no-metervalue': { block: 'J', description: 'TransactionEvent Ended carries no Transaction.End meter value' },
  // Security and robustness faults (the SEC_*_CS cases).
  'non-json-closes-connection': { block: 'RPC', description: 'a text frame that is not JSON makes the station close its connection' },
  'arity-tolerated': { block: 'RPC', description: 'a CALL with extra trailing array elements is executed as if it were well-formed' },
  'unknown-type-executed-as-call': {
    block: 'RPC',
    description: 'a frame with an unknown message type id but a CALL shape is executed as a CALL',
  },
  'long-message-id-accepted': { block: 'RPC', description: 'a CALL whose message id is longer than 36 characters is executed' },
  'action-name-case-insensitive': { block: 'RPC', description: 'action names are matched case-insensitively, so "reset" runs Reset' },
  'schema-unchecked-request-start': {
    block: 'RPC',
    description: 'RequestStartTransaction is executed without schema validation, even when malformed',
  },
  'setvar-stores-unvalidated': {
    block: 'RPC',
    description: 'SetVariables stores any text in integer variables (e.g. shell metacharacters) without validating it',
  },
  'replayed-start-executed-twice': {
    block: 'RPC',
    description: 'a CALL repeated with the same message id is executed again (no replay detection)',
  },
  'forged-boot-result-unlocks': {
    block: 'RPC',
    description: 'while Pending, any CALLRESULT with status Accepted (even unsolicited) is taken as the boot acceptance',
  },
  'second-call-before-answer': {
    block: 'RPC',
    description: 'the station sends its next CALL without waiting for the answer to the previous one',
  },
  'negative-interval-accepted': {
    block: 'RPC',
    description: 'a BootNotificationResponse interval of -1 is used as the heartbeat interval (heartbeat flood)',
  },
  'accepts-unoffered-subprotocol': {
    block: 'RPC',
    description: 'the station keeps a connection whose 101 answer selected a subprotocol it did not offer, or none',
  },
  'binary-frame-crash': { block: 'RPC', description: 'a binary WebSocket frame crashes the station (connection lost, no reconnect)' },
  'big-message-crash': { block: 'DOS', description: 'the station has no message size limit and crashes on a message above 1 MiB' },
  'flood-mixes-responses': {
    block: 'DOS',
    description: 'calls arriving in a burst are answered with the message id of the latest call (responses mixed up)',
  },
  'deep-customdata-crash': { block: 'DOS', description: 'a deeply nested (but schema-valid) customData crashes the station' },
  'unanswered-call-flood': {
    block: 'DOS',
    description: 'when the CSMS does not answer, the station re-sends its call every 100 ms with new message ids',
  },
  'no-backoff': { block: 'DOS', description: 'the station reconnects at a fixed short delay instead of backing off' },
  'secret-in-url-query': {
    block: 'ID',
    description: 'the station appends an authentication token as query parameter to its connection URL',
  },
  'no-security-event-at-boot': { block: 'LOG', description: 'no StartupOfTheDevice / ResetOrReboot security event is sent after a boot' },
  'offline-event-restamped': {
    block: 'LOG',
    description: 'security events queued while offline are sent with the time of sending instead of the time they happened',
  },
  'event-name-16-spelling': {
    block: 'LOG',
    description: 'security events renamed in 2.0.1 are recorded with their 1.6 names (FailedToAuthenticationAtCentralSystem ...)',
  },
  'security-log-omits-noncritical': { block: 'LOG', description: 'the security log only records critical events' },
  'security-log-leaks-password': {
    block: 'LOG',
    description: 'the security log entry for a changed BasicAuthPassword contains the new password',
  },
  'auth-failure-not-logged': { block: 'LOG', description: 'an HTTP 401 at the handshake is not recorded as FailedToAuthenticateAtCsms' },
  'firmware-file-url-accepted': {
    block: 'FW',
    description: 'UpdateFirmware accepts a file: location and reports the local file as downloaded',
  },
  'crash-on-far-future-year': {
    block: 'RPC',
    description: 'a request with a date-time whose year has more than 4 digits crashes the station (for the fuzzer)',
  },
  'fragment-flood-crash': {
    block: 'DOS',
    description:
      'a message split into more than 1000 WebSocket fragments crashes the station (every fragment is kept as its own buffer) instead of being assembled or refused',
  },
  'deflate-bomb-crash': {
    block: 'DOS',
    description:
      'a compressed (RSV1) frame is inflated without a size limit although no compression was negotiated: a deflate bomb crashes the station instead of the connection failing with 1002',
  },
  'tamper-not-reported': {
    block: 'LOG',
    description:
      'an opened enclosure is only written to the security log: TamperDetectionActivated is never pushed with SecurityEventNotification',
  },
  // Security profiles, TLS and certificates (block A, TLS/AUTH/CERT cases).
  'basic-auth-user-not-identity': { block: 'A', description: 'the Basic-auth user name is "admin" instead of the station identity' },
  'password-readable': {
    block: 'AUTH',
    description: 'GetVariables SecurityCtrlr.BasicAuthPassword returns the password (Accepted with a value)',
  },
  'new-password-not-used': {
    block: 'A',
    description: 'a new BasicAuthPassword is answered Accepted, but the station keeps connecting with the old one',
  },
  'invalid-password-accepted': {
    block: 'A',
    description: 'SetVariables BasicAuthPassword accepts a password that is not a 16..40 character passwordString',
  },
  'dials-plain-ws': { block: 'A', description: 'on security profile 2/3 the station dials ws:// (no TLS)' },
  'accepts-invalid-csms-cert': {
    block: 'A',
    description: 'the station does not verify the CSMS server certificate (unknown issuer, expired, wrong host name are all accepted)',
  },
  'accepts-tls-below-1-2': { block: 'A', description: 'the station offers and accepts TLS 1.0/1.1 (with CBC suites)' },
  'offers-weak-suites': { block: 'TLS', description: 'the station offers 3DES and NULL suites in its ClientHello' },
  'accepts-cbc-sha1-suites': { block: 'TLS', description: 'the station offers and accepts the CBC-SHA1 suites AES128-SHA / AES256-SHA' },
  'presents-wrong-cn-cert': {
    block: 'A',
    description: 'on profile 3 the station presents a client certificate whose CN is not its serial number',
  },
  'renewed-cert-not-used': {
    block: 'A',
    description: 'after an Accepted CertificateSigned the station reconnects with its old certificate',
  },
  'accepts-untrusted-station-cert': {
    block: 'A',
    description: 'CertificateSigned is Accepted without checking that the chain leads to a trusted root',
  },
  'signed-cert-key-unchecked': {
    block: 'CERT',
    description: 'CertificateSigned is Accepted without checking that the public key is the one of its CSR',
  },
  'sign-rejected-no-retry': { block: 'A', description: 'after SignCertificate is Rejected the station never sends a new one' },
  'cert-signed-timeout-no-retry': {
    block: 'A',
    description: 'when no CertificateSigned follows an Accepted SignCertificate the station never retries',
  },
  'network-priority-ignored': {
    block: 'A',
    description: 'after NetworkConfigurationPriority and Reset the station keeps using its old connection profile',
  },
  'upgrade-without-csms-root': {
    block: 'A',
    description: 'SetNetworkProfile to security profile 2/3 is Accepted although no CSMS root certificate is installed',
  },
  'upgrade-without-station-cert': {
    block: 'A',
    description: 'SetNetworkProfile to security profile 3 is Accepted although the station has no valid station certificate',
  },
  'downgrades-profile': { block: 'A', description: 'SetNetworkProfile with a lower security profile than the current one is Accepted' },
  // Certificate store (M03-M05): owned by cert-store.ts.
  // Certificate store (M03-M05): checked in cert-store.ts.
  'csms-root-install-requires-old-signer': {
    block: 'M',
    description:
      'InstallCertificate rejects a CSMSRootCertificate that no installed CSMS root signed, as if AdditionalRootCertificateCheck were true (it is false)',
  },
  'manufacturer-root-stored-as-csms-root': {
    block: 'M',
    description: 'a ManufacturerRootCertificate is accepted but filed (and trusted) as a CSMSRootCertificate',
  },
  'install-accepts-expired-root': {
    block: 'M',
    description: 'InstallCertificate accepts and stores a CA certificate whose validity period has ended',
  },
  'hash-serial-leading-zero': {
    block: 'M',
    description: 'GetInstalledCertificateIds reports serialNumber with its leading zeros (the raw DER INTEGER bytes)',
  },
  'issuer-key-hash-over-spki': {
    block: 'M',
    description: 'issuerKeyHash is computed over the whole SubjectPublicKeyInfo instead of the public key BIT STRING value',
  },
  'list-only-first-type': {
    block: 'M',
    description: 'GetInstalledCertificateIds with several certificateTypes returns the certificates of the first type only',
  },
  'list-without-type-finds-nothing': {
    block: 'M',
    description: 'GetInstalledCertificateIds without certificateType answers NotFound instead of listing every type',
  },
  'list-ignores-type-filter': {
    block: 'M',
    description: 'GetInstalledCertificateIds returns every installed certificate whatever certificateType asked for',
  },
  'delete-accepted-but-kept': { block: 'M', description: 'DeleteCertificate answers Accepted but the certificate stays installed' },
  'delete-matches-serial-only': {
    block: 'M',
    description: 'DeleteCertificate matches on serialNumber alone and deletes a certificate whose issuer hashes differ',
  },
  'station-cert-deletable': { block: 'M', description: "DeleteCertificate accepts deleting the station's own ChargingStationCertificate" },
});

export type Station201Fault = FaultName<typeof STATION_201_FAULTS>;
