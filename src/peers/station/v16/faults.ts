import type { FaultInfo } from '../../types.js';

/** Faults of the 1.6 reference charge point: each breaks exactly one behaviour. */
export const STATION_16_FAULTS: FaultInfo[] = [
  { name: 'boot-no-status-notification', description: 'after its BootNotification is Accepted the charge point never reports its connectors with StatusNotification' },
  { name: 'boot-pending-no-retry', description: 'after a Pending BootNotification response the charge point never sends BootNotification again' },
  { name: 'plugin-first-no-start', description: 'when the cable was plugged in before the idTag was presented, an Accepted Authorize does not start a transaction' },
  { name: 'idfirst-no-start', description: 'when an idTag was authorized before the cable was plugged in, plugging in does not start a transaction' },
  { name: 'remote-start-plugged-no-tx', description: 'an Accepted RemoteStartTransaction on a connector with the cable already plugged in never starts the transaction' },
  { name: 'remote-start-first-no-tx', description: 'after an Accepted RemoteStartTransaction on an empty connector, plugging in the cable does not start the transaction' },
  { name: 'remote-stop-ignored', description: 'RemoteStopTransaction for the running transaction is answered Accepted but the transaction is never stopped' },
  { name: 'hard-reset-no-reboot', description: 'Reset Hard is answered Accepted but the charge point never reboots' },
  { name: 'soft-reset-rejected', description: 'Reset Soft is answered Rejected although the charge point is idle' },
  { name: 'hard-reset-tx-not-stopped', description: 'on Reset Hard the running transaction is dropped without any StopTransaction (neither before nor after the reboot)' },
  { name: 'unlock-not-supported', description: 'UnlockConnector for an existing, idle connector is answered NotSupported instead of Unlocked' },
  { name: 'getconfig-all-incomplete', description: 'GetConfiguration without keys leaves out the Core keys HeartbeatInterval and MeterValueSampleInterval' },
  { name: 'changeconfig-not-persisted', description: 'ChangeConfiguration is answered Accepted but the new value is not stored' },
  { name: 'changeconfig-unknown-key-accepted', description: 'ChangeConfiguration of a key the charge point does not know is answered Accepted instead of NotSupported' },
  { name: 'changeconfig-invalid-value-accepted', description: 'ChangeConfiguration with a value that is not valid for the key is answered Accepted (and stored) instead of Rejected' },
  { name: 'authorize-invalid-starts-tx', description: 'an idTag answered Invalid by Authorize is still used to start a transaction when the cable is plugged in' },
  { name: 'remote-start-inoperative-accepted', description: 'RemoteStartTransaction on a connector made Inoperative by ChangeAvailability is answered Accepted' },
  { name: 'soft-reset-wrong-reason', description: 'on Reset Soft the running transaction is stopped with reason Other instead of SoftReset' },
  { name: 'trigger-status-not-sent', description: 'TriggerMessage StatusNotification is answered Accepted but no StatusNotification follows' },
  { name: 'datatransfer-unknown-vendor-accepted', description: 'DataTransfer with a vendorId the charge point does not know is answered Accepted instead of UnknownVendorId' },
  { name: 'meter-sample-interval-ignored', description: 'during a transaction no periodic MeterValues are sent at MeterValueSampleInterval' },
  // Security suite (OCPP-J robustness): each breaks one frame-level or session behaviour.
  { name: 'cp-closes-on-invalid-json', description: 'a text frame that is not JSON makes the charge point close the WebSocket instead of ignoring it or answering a CALLERROR' },
  { name: 'cp-lenient-frame-arity', description: 'a CALL with more than four elements is executed (the extra elements are ignored) instead of being refused' },
  { name: 'cp-executes-send-type-6', description: 'a frame with message type 6 (unknown in 1.6) is treated as a CALL: executed and answered with a CALLRESULT' },
  { name: 'cp-accepts-long-message-id', description: 'a CALL whose message id is longer than 36 characters is executed instead of refused' },
  { name: 'cp-action-case-insensitive', description: 'action names are matched without regard to case, so "changeconfiguration" is executed like ChangeConfiguration' },
  { name: 'cp-remote-start-skips-validation', description: 'RemoteStartTransaction requests are not checked against the schema: an invalid one is answered with a CALLRESULT and acted on' },
  { name: 'cp-crash-on-nul-in-string', description: 'a frame containing an escaped NUL character (\\u0000) crashes the connection handling: the socket is dropped without a close frame' },
  { name: 'cp-replayed-remote-start-twice', description: 'message ids are not checked for reuse: a CALL replayed with the same id (e.g. RemoteStartTransaction) is executed again' },
  { name: 'cp-unsolicited-result-accepted', description: 'while its boot is Pending, any CALLRESULT carrying status Accepted (even one for no outstanding call) is taken as the boot acceptance' },
  { name: 'cp-ignores-calls-while-own-call-pending', description: 'a CALL from the central system that arrives while one of the charge point\'s own CALLs is unanswered is silently dropped' },
  { name: 'cp-drops-session-on-malformed-callresult', description: 'a CALLRESULT whose payload violates the response schema makes the charge point close the connection' },
  { name: 'cp-accepts-missing-subprotocol', description: 'when the central system\'s 101 answer selects no subprotocol, the charge point dials again without insisting on one and speaks OCPP 1.6 on that connection' },
];

export const FAULT_NAMES = new Set(STATION_16_FAULTS.map((f) => f.name));
