import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference CSMS in reservation (H) and firmware management (L), each
 * breaking one behaviour of blocks/reservation.ts or blocks/firmware.ts.
 */
export const CSMS_201_HL_FAULTS = defineFaults({
  // Reservation (H)
  'reserve-evse-dropped': { block: 'H', description: 'ReserveNowRequest omits the EVSE the operator chose, so any EVSE may be reserved' },
  'reserve-unspecified-evse-filled': {
    block: 'H',
    description: 'a reservation the operator made for no particular EVSE is sent with evseId of the first EVSE',
  },
  'reserve-expiry-past': {
    block: 'H',
    description: 'ReserveNowRequest.expiryDateTime lies in the past (the reservation time is subtracted instead of added)',
  },
  'reserve-connector-type-dropped': { block: 'H', description: 'ReserveNowRequest omits the connectorType the operator chose' },
  'reserve-group-token-dropped': { block: 'H', description: 'ReserveNowRequest omits the groupIdToken the operator chose' },
  'reserve-rejected-resent': {
    block: 'H',
    description: 'when a station answers ReserveNow Rejected, the CSMS sends the same ReserveNow again at once',
  },
  'cancel-reservation-record-number': {
    block: 'H',
    description: 'CancelReservationRequest carries the CSMS internal reservation record number instead of the id it sent in ReserveNow',
  },
  'reservation-expired-refused': { block: 'H', description: 'ReservationStatusUpdate Expired is answered with a CALLERROR' },
  'reservation-removed-refused': { block: 'H', description: 'ReservationStatusUpdate Removed is answered with a CALLERROR' },
  // Firmware management (L)
  'fw-signing-cert-omitted': { block: 'L', description: 'UpdateFirmwareRequest carries no signingCertificate' },
  'fw-install-date-dropped': { block: 'L', description: 'UpdateFirmwareRequest omits the installDateTime the operator chose' },
  'fw-retrieve-date-now': {
    block: 'L',
    description: 'UpdateFirmwareRequest.retrieveDateTime is always now, whatever retrieve time the operator chose',
  },
  'fw-revoked-resent': {
    block: 'L',
    description:
      'when a station answers UpdateFirmware RevokedCertificate, the CSMS sends the same request (same certificate) again at once',
  },
  'fw-invalid-cert-resent': {
    block: 'L',
    description:
      'when a station answers UpdateFirmware InvalidCertificate, the CSMS sends the same request (same certificate) again at once',
  },
  'fw-invalid-signature-refused': { block: 'L', description: 'FirmwareStatusNotification InvalidSignature is answered with a CALLERROR' },
  'fw-download-failed-refused': { block: 'L', description: 'FirmwareStatusNotification DownloadFailed is answered with a CALLERROR' },
  'fw-verification-failed-refused': {
    block: 'L',
    description: 'FirmwareStatusNotification InstallVerificationFailed is answered with a CALLERROR',
  },
  'fw-installation-failed-refused': {
    block: 'L',
    description: 'FirmwareStatusNotification InstallationFailed is answered with a CALLERROR',
  },
  'fw-canceled-keeps-old': {
    block: 'L',
    description:
      'after AcceptedCanceled the CSMS keeps the cancelled update as the current one and answers status notifications of the new update with a CALLERROR',
  },
  'fw-rejected-drops-running': {
    block: 'L',
    description:
      'after a second UpdateFirmware is answered Rejected, the CSMS forgets the update still running and answers its status notifications with a CALLERROR',
  },
  'fw-update-stops-transactions': {
    block: 'L',
    description:
      'when a station accepts UpdateFirmware during a transaction, the CSMS sends RequestStopTransaction to end it for the install',
  },
  'publish-checksum-sha256': {
    block: 'L',
    description: 'PublishFirmwareRequest.checksum is a SHA-256 digest (64 hex digits) instead of MD5',
  },
  'publish-invalid-checksum-refused': {
    block: 'L',
    description: 'PublishFirmwareStatusNotification InvalidChecksum is answered with a CALLERROR',
  },
  'publish-failed-refused': { block: 'L', description: 'PublishFirmwareStatusNotification PublishFailed is answered with a CALLERROR' },
  'publish-download-failed-refused': {
    block: 'L',
    description: 'PublishFirmwareStatusNotification DownloadFailed is answered with a CALLERROR',
  },
  'unpublish-checksum-of-location': {
    block: 'L',
    description: 'UnpublishFirmwareRequest.checksum is the MD5 of the firmware location URL, not of the file it published',
  },
  'unpublish-nofirmware-resent': {
    block: 'L',
    description: 'when a local controller answers UnpublishFirmware NoFirmware, the CSMS sends the same request again at once',
  },
  'unpublish-ongoing-forgets-publish': {
    block: 'L',
    description:
      'after UnpublishFirmware is answered DownloadOngoing, the CSMS forgets the publication and answers its further status notifications with a CALLERROR',
  },
});
