import { defineRequirements } from './sources.js';

/**
 * OCPP 1.6 core specification, by section: 4.x are operations the charge point starts, 5.x the
 * ones the Central System starts, 9.1 the Core profile configuration keys.
 */
export const OCPP16_CORE = defineRequirements('OCPP16', [
  [
    'OCPP16-4.1',
    'MUST',
    'The Central System answers Authorize with the status of the idTag (Accepted, Invalid, Expired, Blocked), and the charge point authorizes a presented idTag before starting with it.',
  ],
  [
    'OCPP16-4.2',
    'MUST',
    'A charge point sends BootNotification first on every new connection, and the Central System answers with a status, its current time and an interval.',
  ],
  ['OCPP16-4.3', 'MUST', 'The Central System answers a DataTransfer from the charge point with a status.'],
  [
    'OCPP16-4.6',
    'MUST',
    'The charge point sends Heartbeat at the interval it was given, and the Central System answers with its current time.',
  ],
  [
    'OCPP16-4.7',
    'MUST',
    'The charge point sends MeterValues for the connector at the configured sample interval, and the Central System answers them.',
  ],
  [
    'OCPP16-4.8',
    'MUST',
    'The charge point sends StartTransaction with the connector and idTag of a new transaction, and the Central System answers with an integer transactionId and the idTag status.',
  ],
  [
    'OCPP16-4.9',
    'MUST',
    'The charge point reports every connector status change with StatusNotification, and the Central System answers it.',
  ],
  [
    'OCPP16-4.10',
    'MUST',
    'The charge point sends StopTransaction with the transactionId, the reason and any idTag that ended it (the starting one or one of its parentIdTag group), and the Central System answers it.',
  ],
  ['OCPP16-5.2', 'MUST', 'The charge point answers ChangeAvailability and starts no transaction on a connector made Inoperative.'],
  [
    'OCPP16-5.3',
    'MUST',
    'The charge point answers ChangeConfiguration Accepted and applies the value, Rejected for an invalid value or NotSupported for an unknown key.',
  ],
  ['OCPP16-5.4', 'MUST', 'The Central System clears the authorization cache of a charge point with ClearCache.'],
  ['OCPP16-5.6', 'MUST', 'The charge point answers a DataTransfer from the Central System with a status.'],
  [
    'OCPP16-5.8',
    'MUST',
    'The charge point answers GetConfiguration with the requested keys (all when none is named), their values and read-only flags, and lists unknown keys apart.',
  ],
  [
    'OCPP16-5.11',
    'MUST',
    'The charge point answers RemoteStartTransaction (Rejected when the connector cannot be used) and starts a transaction for the idTag; a charging profile sent with it is a TxProfile without transactionId.',
  ],
  [
    'OCPP16-5.12',
    'MUST',
    'The charge point answers RemoteStopTransaction for a running transaction Accepted and stops it with StopTransaction.',
  ],
  [
    'OCPP16-5.14',
    'MUST',
    'The charge point answers Reset, stops running transactions with reason HardReset or SoftReset, and boots again on a new connection.',
  ],
  [
    'OCPP16-5.17',
    'MUST',
    'The charge point answers TriggerMessage and, when Accepted, sends the requested message (for the given connector).',
  ],
  [
    'OCPP16-4.4',
    'MUST',
    'The charge point reports the progress of a diagnostics upload with DiagnosticsStatusNotification (Uploading, Uploaded, UploadFailed), and the Central System answers it.',
  ],
  [
    'OCPP16-4.5',
    'MUST',
    'The charge point reports the progress of a firmware update with FirmwareStatusNotification (Downloading, Downloaded, DownloadFailed, Installing, Installed, InstallationFailed), and the Central System answers it.',
  ],
  [
    'OCPP16-5.1',
    'MUST',
    'CancelReservation names the reservationId of an earlier ReserveNow; the charge point answers Accepted and frees the connector when it knows the reservation, Rejected otherwise.',
  ],
  [
    'OCPP16-5.5',
    'MUST',
    'ClearChargingProfile names the profiles to remove (by id, or by connector, purpose and stack level); the charge point answers Accepted when it removed any, Unknown otherwise.',
  ],
  [
    'OCPP16-5.7',
    'MUST',
    'GetCompositeSchedule asks for the schedule of one connector (0 for the grid connection) over a duration in seconds; the charge point answers with the combined schedule or Rejected.',
  ],
  [
    'OCPP16-5.9',
    'MUST',
    'GetDiagnostics names an absolute URL to upload the diagnostics file to; the charge point answers with the file name (or none) and uploads it.',
  ],
  [
    'OCPP16-5.10',
    'MUST',
    'The charge point answers GetLocalListVersion with the version of its local list: 0 when it has none, -1 when it does not support one.',
  ],
  [
    'OCPP16-5.13',
    'MUST',
    'ReserveNow names a connector (0 for any), a future expiry date, the idTag and a reservationId; the charge point answers it, and a StartTransaction that uses the reservation carries its reservationId.',
  ],
  [
    'OCPP16-5.15',
    'MUST',
    'SendLocalList carries an updateType (Full or Differential), the version after the update and its entries, each entry of a Full update with an idTagInfo; the charge point answers with its outcome.',
  ],
  [
    'OCPP16-5.16',
    'MUST',
    'SetChargingProfile installs a profile on a connector: a TxProfile names the running transaction there, a TxDefaultProfile no transaction, and each schedule starts at offset 0; the charge point answers it.',
  ],
  [
    'OCPP16-5.19',
    'MUST',
    'UpdateFirmware names an absolute URL of the firmware image and the date from which to retrieve it; the charge point answers and reports the progress with FirmwareStatusNotification.',
  ],
  ['OCPP16-5.18', 'MUST', 'The charge point answers UnlockConnector for the given connector with the outcome of the unlock.'],
  [
    'OCPP16-9.1',
    'MUST',
    'The charge point implements the Core configuration keys, such as HeartbeatInterval and a read-only NumberOfConnectors, with values of the declared type.',
  ],
]);
