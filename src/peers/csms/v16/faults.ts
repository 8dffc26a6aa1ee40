import { defineFaults, type FaultName } from '../../faults.js';
import { CSMS_16_PROFILE_FAULTS } from './faults-profiles.js';

/**
 * Faults of the 1.6 reference central system: each breaks exactly one behaviour. `block` is the
 * OCTT section (or security-suite group) of the case that catches the fault.
 */
export const CSMS_16_FAULTS = defineFaults({
  ...CSMS_16_PROFILE_FAULTS,
  'boot-rejected': { block: 'ColdBoot', description: 'BootNotification from the configured charge point is answered Rejected' },
  'authorize-valid-invalid': { block: 'Transactions', description: 'Authorize of the configured valid idTag is answered Invalid' },
  'authorize-invalid-accepted': { block: 'Authorization', description: 'Authorize of an invalid (unknown) idTag is answered Accepted' },
  'authorize-expired-accepted': { block: 'Authorization', description: 'Authorize ignores expiry: the expired idTag is answered Accepted' },
  'authorize-parent-omitted': {
    block: 'Reservation',
    description:
      'Authorize of an idTag that has a parent (group) is answered Accepted without parentIdTag, so it cannot use a reservation of its group',
  },
  'authorize-blocked-accepted': {
    block: 'Authorization',
    description: 'Authorize ignores the block list: the blocked idTag is answered Accepted',
  },
  'start-tx-rejects-valid': {
    block: 'Transactions',
    description: 'StartTransaction answers the configured valid idTag with idTagInfo Invalid',
  },
  'start-tx-requires-authorize': {
    block: 'Cache',
    description:
      'StartTransaction is Accepted only for idTags authorized by an Authorize earlier on the connection (cached ids get Invalid)',
  },
  'start-tx-no-idtag-check': {
    block: 'Offline',
    description: 'StartTransaction does not verify the idTag: any idTag is answered Accepted',
  },
  'stop-tx-callerror': {
    block: 'Transactions',
    description: 'StopTransaction is answered with a CALLERROR (InternalError) instead of StopTransaction.conf',
  },
  'remote-start-wrong-idtag': {
    block: 'RemoteActions',
    description: 'RemoteStartTransaction carries a different idTag than the operator chose',
  },
  'remote-start-connector-zero': {
    block: 'RemoteActions',
    description: 'RemoteStartTransaction carries connectorId 0 instead of the chosen connector',
  },
  'remote-stop-wrong-transaction': {
    block: 'RemoteActions',
    description: 'RemoteStopTransaction carries the previous transactionId (off by one) instead of the running one',
  },
  'reset-hard-as-soft': { block: 'Reset', description: 'an operator Hard reset is sent as Reset type Soft' },
  'reset-soft-as-hard': { block: 'Reset', description: 'an operator Soft reset is sent as Reset type Hard' },
  'unlock-wrong-connector': { block: 'Unlock', description: 'UnlockConnector names the connector after the chosen one' },
  'getconfig-all-sends-keys': {
    block: 'Configuration',
    description: 'GetConfiguration for all keys is sent with a fixed key list instead of no key',
  },
  'getconfig-key-dropped': { block: 'Configuration', description: 'GetConfiguration for specific keys is sent without the key list' },
  'changeconfig-wrong-value': {
    block: 'Configuration',
    description: 'ChangeConfiguration carries the value multiplied by 1000 (seconds sent as milliseconds)',
  },
  'clearcache-not-sent': { block: 'Cache', description: 'an operator ClearCache request is acknowledged but ClearCache is never sent' },
  'trigger-wrong-message': { block: 'RemoteTrigger', description: 'TriggerMessage asks for a different message than the operator chose' },
  'datatransfer-unknown-vendor-accepted': {
    block: 'DataTransfer',
    description: 'DataTransfer from an unknown vendorId is answered Accepted instead of UnknownVendorId',
  },
  // Security suite (OCPP-J robustness, handshake, session policy): each breaks one behaviour.
  'cs-closes-on-invalid-json': {
    block: 'RPC',
    description:
      'a text frame that is not JSON makes the central system close the WebSocket instead of ignoring it or answering a CALLERROR',
  },
  'cs-lenient-frame-arity': {
    block: 'RPC',
    description: 'a CALL with more than four elements is executed (the extra elements are ignored) instead of being refused',
  },
  'cs-unknown-type-handled-as-call': {
    block: 'RPC',
    description:
      'a four-element frame with a message type other than 2, 3 or 4 is treated as a CALL: executed and answered with a CALLRESULT',
  },
  'cs-accepts-overlong-message-id': {
    block: 'RPC',
    description: 'a CALL whose message id is longer than 36 characters is executed instead of refused',
  },
  'cs-executes-wrong-direction-remote-start': {
    block: 'RPC',
    description: 'RemoteStartTransaction sent by a charge point (a central-system-to-charge-point action) is answered Accepted',
  },
  'cs-boot-skips-validation': {
    block: 'RPC',
    description: 'BootNotification requests are not checked against the schema: an invalid one is answered Accepted',
  },
  'cs-crash-on-extreme-meter-value': {
    block: 'RPC',
    description: 'a MeterValues sample whose value is not a finite number within 2^53 makes the central system drop the connection',
  },
  'cs-start-tx-replay-new-id': {
    block: 'RPC',
    description:
      'StartTransaction is not idempotent: the same request replayed (same message id and payload) gets a second, new transactionId',
  },
  'cs-crash-on-unsolicited-result': {
    block: 'RPC',
    description: 'a CALLRESULT or CALLERROR that answers no outstanding call makes the central system drop the connection',
  },
  'cs-deadlocks-on-crossing-call': {
    block: 'RPC',
    description: 'a CALL from the charge point that arrives while a central-system CALL to it is unanswered is silently dropped',
  },
  'cs-crash-on-malformed-callresult': {
    block: 'RPC',
    description: 'a CALLRESULT whose payload violates the response schema makes the central system drop the connection',
  },
  'cs-selects-unoffered-subprotocol': {
    block: 'RPC',
    description: 'the 101 answer selects ocpp1.6 even when the charge point did not offer it (instead of no subprotocol and a close)',
  },
  'cs-500-on-bad-percent-encoding': {
    block: 'RPC',
    description: 'an identity in the URL that is not valid percent-encoding is answered HTTP 500 instead of a 4xx',
  },
  'cs-no-boot-gating': {
    block: 'RPC',
    description:
      'requests from a charge point whose BootNotification was not accepted (none yet, or Rejected) are processed as from an accepted one',
  },
  'cs-duplicate-keeps-both': {
    block: 'DOS',
    description:
      'a second connection with the identity of a connected charge point is accepted and the first is kept open too (two live sessions)',
  },
  'cs-displaced-by-refused-handshake': {
    block: 'ID',
    description: "any upgrade request naming a connected identity closes that identity's session, even when the request is then refused",
  },
  // Security Whitepaper (testcases/ocpp16/Security): handshake credentials, certificates, logs, firmware.
  'basic-auth-user-not-checked': {
    block: 'Security',
    description: 'HTTP Basic auth compares the password only: a user name other than the charge point identity is accepted',
  },
  'old-authorization-key-accepted': {
    block: 'Security',
    description: 'after the charge point accepted a new AuthorizationKey, the previous password is still accepted',
  },
  'tls-accepts-legacy-versions': {
    block: 'Security',
    description: 'the TLS listener also negotiates TLS 1.0/1.1 with CBC-SHA suites (minimum version not raised to 1.2)',
  },
  'client-cert-cn-not-checked': {
    block: 'Security',
    description: 'security profile 3 accepts any verified client certificate: its CN is not compared with the charge point serial number',
  },
  'certificate-signed-other-key': {
    block: 'Security',
    description: "CertificateSigned carries a certificate for a freshly made key instead of the key in the charge point's CSR",
  },
  'install-cert-type-swapped': {
    block: 'Security',
    description: 'InstallCertificate of the manufacturer root is labelled CentralSystemRootCertificate',
  },
  'install-csms-root-sends-server-cert': {
    block: 'Security',
    description:
      "InstallCertificate CentralSystemRootCertificate carries the central system's TLS server certificate (a leaf) instead of its root",
  },
  'delete-cert-issuer-hashes-swapped': {
    block: 'Security',
    description: 'DeleteCertificate carries the issuerNameHash and issuerKeyHash of the reported certificate swapped',
  },
  'security-event-201-names-only': {
    block: 'Security',
    description:
      'SecurityEventNotification is checked against the OCPP 2.0.1 event names: the 1.6 names (InvalidChargePointCertificate ...) are answered with a CALLERROR',
  },
  'security-event-noncritical-ignored': {
    block: 'Security',
    description: 'SecurityEventNotification of a non-critical type (InvalidCentralSystemCertificate ...) is never answered',
  },
  'getlog-wrong-type': { block: 'Security', description: 'an operator GetLog for the SecurityLog is sent with logType DiagnosticsLog' },
  'firmware-signature-over-other-bytes': {
    block: 'Security',
    description: 'the SignedUpdateFirmware signature is made over other bytes than the firmware file served at the location',
  },
  'signed-fw-status-legacy-enum': {
    block: 'Security',
    description:
      'SignedFirmwareStatusNotification is checked against the 1.6 FirmwareStatusNotification statuses: InvalidSignature, SignatureVerified ... are answered with a CALLERROR',
  },
  'accepts-lower-profile-after-upgrade': {
    block: 'Security',
    description: 'after a SecurityProfile upgrade was accepted, the charge point can still connect with its previous, lower profile',
  },
});

export type Csms16Fault = FaultName<typeof CSMS_16_FAULTS>;
