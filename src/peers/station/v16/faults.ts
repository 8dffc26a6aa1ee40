import { defineFaults, type FaultName } from '../../faults.js';
import { STATION_16_MORE_FAULTS } from './faults-more.js';
import { STATION_16_CS_REST_FAULTS } from './faults-cs-rest.js';
import { STATION_16_CS_REST2_FAULTS } from './faults-cs-rest2.js';

/**
 * Faults of the 1.6 reference charge point: each breaks exactly one behaviour. `block` is the
 * OCTT section (or security-suite group) of the case that catches the fault.
 */
export const STATION_16_FAULTS = defineFaults({
  ...STATION_16_MORE_FAULTS,
  ...STATION_16_CS_REST_FAULTS,
  ...STATION_16_CS_REST2_FAULTS,
  'boot-no-status-notification': {
    block: 'ColdBoot',
    description: 'after its BootNotification is Accepted the charge point never reports its connectors with StatusNotification',
  },
  'boot-pending-no-retry': {
    block: 'ColdBoot',
    description: 'after a Pending BootNotification response the charge point never sends BootNotification again',
  },
  'plugin-first-no-start': {
    block: 'Transactions',
    description: 'when the cable was plugged in before the idTag was presented, an Accepted Authorize does not start a transaction',
  },
  'idfirst-no-start': {
    block: 'Transactions',
    description: 'when an idTag was authorized before the cable was plugged in, plugging in does not start a transaction',
  },
  'remote-start-plugged-no-tx': {
    block: 'RemoteActions',
    description: 'an Accepted RemoteStartTransaction on a connector with the cable already plugged in never starts the transaction',
  },
  'remote-start-first-no-tx': {
    block: 'RemoteActions',
    description: 'after an Accepted RemoteStartTransaction on an empty connector, plugging in the cable does not start the transaction',
  },
  'remote-stop-ignored': {
    block: 'RemoteActions',
    description: 'RemoteStopTransaction for the running transaction is answered Accepted but the transaction is never stopped',
  },
  'hard-reset-no-reboot': { block: 'Reset', description: 'Reset Hard is answered Accepted but the charge point never reboots' },
  'soft-reset-rejected': { block: 'Reset', description: 'Reset Soft is answered Rejected although the charge point is idle' },
  'hard-reset-tx-not-stopped': {
    block: 'Reset',
    description: 'on Reset Hard the running transaction is dropped without any StopTransaction (neither before nor after the reboot)',
  },
  'unlock-not-supported': {
    block: 'Unlock',
    description: 'UnlockConnector for an existing, idle connector is answered NotSupported instead of Unlocked',
  },
  'getconfig-all-incomplete': {
    block: 'Configuration',
    description: 'GetConfiguration without keys leaves out the Core keys HeartbeatInterval and MeterValueSampleInterval',
  },
  'changeconfig-not-persisted': {
    block: 'Configuration',
    description: 'ChangeConfiguration is answered Accepted but the new value is not stored',
  },
  'changeconfig-unknown-key-accepted': {
    block: 'Configuration',
    description: 'ChangeConfiguration of a key the charge point does not know is answered Accepted instead of NotSupported',
  },
  'changeconfig-invalid-value-accepted': {
    block: 'Configuration',
    description: 'ChangeConfiguration with a value that is not valid for the key is answered Accepted (and stored) instead of Rejected',
  },
  'authorize-invalid-starts-tx': {
    block: 'Authorization',
    description: 'an idTag answered Invalid by Authorize is still used to start a transaction when the cable is plugged in',
  },
  'remote-start-inoperative-accepted': {
    block: 'RemoteActions',
    description: 'RemoteStartTransaction on a connector made Inoperative by ChangeAvailability is answered Accepted',
  },
  'soft-reset-wrong-reason': {
    block: 'Reset',
    description: 'on Reset Soft the running transaction is stopped with reason Other instead of SoftReset',
  },
  'trigger-status-not-sent': {
    block: 'RemoteTrigger',
    description: 'TriggerMessage StatusNotification is answered Accepted but no StatusNotification follows',
  },
  'datatransfer-unknown-vendor-accepted': {
    block: 'DataTransfer',
    description: 'DataTransfer with a vendorId the charge point does not know is answered Accepted instead of UnknownVendorId',
  },
  'meter-sample-interval-ignored': {
    block: 'MeterValues',
    description: 'during a transaction no periodic MeterValues are sent at MeterValueSampleInterval',
  },
  // Security suite (OCPP-J robustness): each breaks one frame-level or session behaviour.
  'cp-closes-on-invalid-json': {
    block: 'RPC',
    description: 'a text frame that is not JSON makes the charge point close the WebSocket instead of ignoring it or answering a CALLERROR',
  },
  'cp-lenient-frame-arity': {
    block: 'RPC',
    description: 'a CALL with more than four elements is executed (the extra elements are ignored) instead of being refused',
  },
  'cp-executes-send-type-6': {
    block: 'RPC',
    description: 'a frame with message type 6 (unknown in 1.6) is treated as a CALL: executed and answered with a CALLRESULT',
  },
  'cp-accepts-long-message-id': {
    block: 'RPC',
    description: 'a CALL whose message id is longer than 36 characters is executed instead of refused',
  },
  'cp-action-case-insensitive': {
    block: 'RPC',
    description: 'action names are matched without regard to case, so "changeconfiguration" is executed like ChangeConfiguration',
  },
  'cp-remote-start-skips-validation': {
    block: 'RPC',
    description:
      'RemoteStartTransaction requests are not checked against the schema: an invalid one is answered with a CALLRESULT and acted on',
  },
  'cp-crash-on-nul-in-string': {
    block: 'RPC',
    description:
      'a frame containing an escaped NUL character (\\u0000) crashes the connection handling: the socket is dropped without a close frame',
  },
  'cp-replayed-remote-start-twice': {
    block: 'RPC',
    description: 'message ids are not checked for reuse: a CALL replayed with the same id (e.g. RemoteStartTransaction) is executed again',
  },
  'cp-unsolicited-result-accepted': {
    block: 'RPC',
    description:
      'while its boot is Pending, any CALLRESULT carrying status Accepted (even one for no outstanding call) is taken as the boot acceptance',
  },
  'cp-ignores-calls-while-own-call-pending': {
    block: 'RPC',
    description: "a CALL from the central system that arrives while one of the charge point's own CALLs is unanswered is silently dropped",
  },
  'cp-drops-session-on-malformed-callresult': {
    block: 'RPC',
    description: 'a CALLRESULT whose payload violates the response schema makes the charge point close the connection',
  },
  'cp-accepts-missing-subprotocol': {
    block: 'RPC',
    description:
      "when the central system's 101 answer selects no subprotocol, the charge point dials again without insisting on one and speaks OCPP 1.6 on that connection",
  },
  // Security whitepaper ("Improved security for OCPP 1.6-J"): each breaks one security behaviour.
  'basic-auth-header-missing': {
    block: 'Security',
    description: 'on security profile 1/2 the charge point connects without the HTTP Basic Authorization header',
  },
  'authorization-key-not-applied': {
    block: 'Security',
    description: 'ChangeConfiguration AuthorizationKey is answered Accepted but the charge point reconnects with its old password',
  },
  'authorization-key-readable': { block: 'AUTH', description: 'GetConfiguration reports the value of the write-only AuthorizationKey' },
  'authorization-key-readable-hex': {
    block: 'AUTH',
    description: 'GetConfiguration reports the write-only AuthorizationKey hex-encoded (the password still readable)',
  },
  'tls-offers-legacy-versions': { block: 'Security', description: 'the TLS ClientHello offers TLS 1.0 and 1.1 besides 1.2/1.3' },
  'accepts-invalid-csms-cert': {
    block: 'TLS',
    description: "the charge point does not verify the central system's TLS server certificate (any certificate is accepted)",
  },
  'no-client-certificate': {
    block: 'Security',
    description: 'on security profile 3 the charge point dials without presenting its client certificate',
  },
  'renewed-cert-not-used': {
    block: 'Security',
    description: 'a valid CertificateSigned is answered Accepted but the charge point keeps connecting with its old certificate',
  },
  'accepts-invalid-cp-certificate': {
    block: 'Security',
    description: 'CertificateSigned is accepted without verifying the certificate (issuer, validity, CN, key)',
  },
  'install-manufacturer-root-not-stored': {
    block: 'Security',
    description: 'InstallCertificate ManufacturerRootCertificate is answered Accepted but the certificate is not stored',
  },
  'cert-hash-over-whole-spki': {
    block: 'Security',
    description:
      'GetInstalledCertificateIds computes issuerKeyHash over the whole SubjectPublicKeyInfo instead of the public key BIT STRING (RFC 6960)',
  },
  'delete-certificate-not-removed': {
    block: 'Security',
    description: 'DeleteCertificate is answered Accepted but the certificate stays installed',
  },
  'installs-expired-root': {
    block: 'Security',
    description: 'InstallCertificate does not check the validity period: an expired root is installed (Accepted)',
  },
  'security-profile-not-applied': {
    block: 'Security',
    description: 'ChangeConfiguration SecurityProfile (upgrade) is answered Accepted but the charge point reconnects on its old profile',
  },
  'downgrades-profile': {
    block: 'Security',
    description:
      'ChangeConfiguration SecurityProfile with a lower value is answered Accepted and the charge point reconnects on the lower profile',
  },
  'getlog-security-log-rejected': { block: 'Security', description: 'GetLog for the SecurityLog is answered Rejected' },
  'signed-firmware-wrong-request-id': {
    block: 'Security',
    description: 'SignedFirmwareStatusNotification carries a requestId other than the one of the SignedUpdateFirmware request',
  },
  'firmware-signature-not-checked': {
    block: 'Security',
    description: 'the firmware signature is not verified after the download: an image with an invalid signature is installed',
  },
});

export type Station16Fault = FaultName<typeof STATION_16_FAULTS>;
