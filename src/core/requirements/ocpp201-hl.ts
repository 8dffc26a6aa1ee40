import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 functional requirements of the blocks H (reservation) and L (firmware management),
 * as the _CSMS cases check them: what the station reports and how the CSMS must take it.
 */
export const OCPP201_HL = defineRequirements('OCPP201', [
  // H: reservation
  [
    'H01.FR.01',
    'MUST',
    'A station that is not configured to take reservations answers ReserveNow Rejected, and the CSMS takes that answer as final for the request: it does not send it again unasked.',
  ],
  [
    'H01.FR.03',
    'MUST',
    'A reservation of a specific EVSE names that EVSE (evseId) together with the idToken and an expiryDateTime still in the future; the station answers Accepted and reports the EVSE Reserved.',
    I,
  ],
  [
    'H01.FR.06',
    'MUST',
    'A reservation of an unspecified EVSE carries no evseId; the station keeps one EVSE free for the token and reports EVSEs Reserved once as many are reserved as it has.',
    I,
  ],
  [
    'H01.FR.09',
    'MUST',
    'A reservation of a connector type carries that connectorType and no evseId; the station reserves an EVSE with such a connector.',
    I,
  ],
  [
    'H01.FR.13',
    'MUST',
    'A reservation made for a group carries the groupIdToken, so any token of that group may use the reserved EVSE.',
    I,
  ],
  [
    'H01.FR.20',
    'MUST',
    'When the EVSE of a reservation becomes Faulted or Unavailable the station removes the reservation and reports ReservationStatusUpdate Removed, which the CSMS acknowledges.',
    I,
  ],
  [
    'H02.FR.01',
    'MUST',
    'The CSMS cancels a reservation with CancelReservation naming the id it gave the reservation in ReserveNow; the station answers Accepted and frees the EVSE.',
    I,
  ],
  [
    'H03.FR.01',
    'MUST',
    'The token a reservation was made for may use it: the transaction it starts names the reservationId and the CSMS accepts the token.',
    I,
  ],
  [
    'H04.FR.01',
    'MUST',
    'A reservation that reaches its expiry unused ends: the station reports ReservationStatusUpdate Expired, which the CSMS acknowledges, and frees the EVSE.',
    I,
  ],
  // L: firmware management
  [
    'L01.FR.02',
    'MUST',
    'A station that refuses the firmware signing certificate raises the security event InvalidFirmwareSigningCertificate, which the CSMS acknowledges.',
  ],
  [
    'L01.FR.03',
    'MUST',
    'A station whose downloaded firmware fails signature verification reports InvalidSignature and raises the security event InvalidFirmwareSignature; the CSMS acknowledges both.',
  ],
  [
    'L01.FR.06',
    'MUST',
    'A station that cannot charge while installing waits for its transactions to end before it installs; the CSMS leaves those transactions running.',
  ],
  [
    'L01.FR.10',
    'MUST',
    'Firmware statuses carry the requestId of the update they belong to, and the CSMS follows the update the station runs (the new one after AcceptedCanceled, the old one after Rejected).',
  ],
  [
    'L01.FR.11',
    'MUST',
    'The CSMS puts the firmware signing certificate (PEM) and the signature of the image in UpdateFirmwareRequest, next to its location and retrieve time.',
  ],
  [
    'L01.FR.13',
    'MUST',
    'With a retrieveDateTime in the future the station reports DownloadScheduled and waits; the CSMS sends the retrieve time the operator chose.',
  ],
  [
    'L01.FR.16',
    'MUST',
    'With an installDateTime in the future the station reports InstallScheduled after the download; the CSMS sends the install time the operator chose.',
  ],
  [
    'L01.FR.21',
    'MUST',
    'The station checks the signing certificate before it accepts an update and answers InvalidCertificate or RevokedCertificate for one it cannot trust; the CSMS does not repeat the request with that certificate unasked.',
  ],
  [
    'L01.FR.24',
    'SHOULD',
    'A station with an update in progress cancels it for a new UpdateFirmwareRequest and answers AcceptedCanceled; the CSMS then follows the new update (its requestId).',
  ],
  [
    'L01.FR.27',
    'SHOULD',
    'A station that cannot cancel its update in progress may answer a new UpdateFirmwareRequest Rejected; the CSMS keeps following the update still running.',
  ],
  [
    'L01.FR.28',
    'MUST',
    'A station that installed the firmware reports Installed (after InstallRebooting and a boot with reason FirmwareUpdate when it reboots), and the CSMS acknowledges every status of the update.',
  ],
  [
    'L01.FR.29',
    'MUST',
    'A station whose new firmware fails verification at install reports InstallVerificationFailed, which the CSMS acknowledges.',
  ],
  [
    'L01.FR.30',
    'MUST',
    'A station that could not download the firmware after its retries reports DownloadFailed, which the CSMS acknowledges.',
  ],
  // L03/L04: publishing firmware on a local controller
  [
    'L03.FR.01',
    'MUST',
    'A local controller reports each step of publishing with PublishFirmwareStatusNotification, which the CSMS acknowledges.',
  ],
  ['L03.FR.02', 'MUST', 'The checksum in PublishFirmwareRequest is the MD5 digest of the whole firmware file (32 hexadecimal digits).'],
  ['L03.FR.06', 'MUST', 'A local controller that cannot download the file reports DownloadFailed, which the CSMS acknowledges.'],
  [
    'L03.FR.07',
    'MUST',
    'A local controller whose download does not match the MD5 checksum reports InvalidChecksum, which the CSMS acknowledges.',
  ],
  ['L03.FR.08', 'MUST', 'A local controller that cannot publish the file reports PublishFailed, which the CSMS acknowledges.'],
  [
    'L03.FR.09',
    'MUST',
    'A local controller that published the file reports Published with the URIs it serves it at, which the CSMS acknowledges.',
  ],
  [
    'L04.FR.02',
    'MUST',
    'The CSMS unpublishes a firmware file with UnpublishFirmware naming the MD5 checksum it published the file with; the controller answers Unpublished.',
  ],
  [
    'L04.FR.03',
    'MUST',
    'A local controller with no such file published answers UnpublishFirmware NoFirmware, which the CSMS takes as final.',
  ],
  [
    'L04.FR.04',
    'MUST',
    'A local controller still downloading the file answers UnpublishFirmware DownloadOngoing and goes on publishing; the CSMS keeps following that publication.',
  ],
]);
