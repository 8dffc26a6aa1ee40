import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference station's secure firmware update (block L: blocks/firmware-update.ts):
 * each breaks one behaviour.
 */
export const STATION_201_FIRMWARE_FAULTS = defineFaults({
  'fw-no-firmware-updated-event': {
    block: 'L',
    description: 'a firmware update ends Installed but the FirmwareUpdated security event is never sent',
  },
  'fw-install-schedule-ignored': {
    block: 'L',
    description: 'an installDateTime in the future is ignored: the firmware is installed at once, without InstallScheduled',
  },
  'fw-retrieve-schedule-ignored': {
    block: 'L',
    description: 'a retrieveDateTime in the future is ignored: the firmware is downloaded at once, without DownloadScheduled',
  },
  'fw-signing-cert-not-checked': {
    block: 'L',
    description: 'the firmware signing certificate is not checked against the manufacturer roots: an untrusted one is Accepted',
  },
  'fw-signature-not-verified': {
    block: 'L',
    description: 'the signature of a downloaded firmware image is not verified: a badly signed image is installed',
  },
  'fw-download-failure-silent': {
    block: 'L',
    description: 'a firmware download that failed after its retries is never reported DownloadFailed',
  },
  'fw-broken-image-installed': {
    block: 'L',
    description: 'an image that is no firmware for the station (empty) passes the install verification and is reported Installed',
  },
  'fw-cancel-keeps-old-update': {
    block: 'L',
    description: 'a second UpdateFirmware is answered AcceptedCanceled but the update in progress goes on beside the new one',
  },
  'fw-installs-during-transaction': {
    block: 'L',
    description: 'a firmware update is installed (with its reboot) while a transaction is running instead of after it ended',
  },
  'fw-unsigned-accepted': {
    block: 'L',
    description: 'an UpdateFirmware without signing certificate and signature is Accepted and the unsigned image downloaded',
  },
});
