import { createHash } from 'node:crypto';
import type { CsmsBlock, CsmsContext } from '../state.js';

/**
 * Firmware management (L). Firmware images live at https://firmware.ref-csms.invalid/ (a host
 * the CSMS never contacts), always https and never with credentials in the URL.
 */

const FIRMWARE_HOST = 'firmware.ref-csms.invalid';
/** The firmware repository's download account (only firmware-url-embeds-credentials puts it in URLs). */
const FIRMWARE_REPO_USER = 'fwdownload';
const FIRMWARE_REPO_PASSWORD = 'Ref201-Fw-Repo-Secret';
const FIRMWARE_IMAGE = 'RefStation-1.0.1.bin';

/** Where stations download firmware from (https; user:password@ only under its fault). */
function firmwareLocation(ctx: CsmsContext): string {
  const account = ctx.faults.has('firmware-url-embeds-credentials') ? `${FIRMWARE_REPO_USER}:${FIRMWARE_REPO_PASSWORD}@` : '';
  return `https://${account}${FIRMWARE_HOST}/ocpp201/${FIRMWARE_IMAGE}`;
}

export const firmware: CsmsBlock = {
  inbound: {
    FirmwareStatusNotification: () => ({}),
  },
  requests: {
    UpdateFirmware: (ctx) => ({
      requestId: ++ctx.counters.fileRequestIds,
      firmware: { location: firmwareLocation(ctx), retrieveDateTime: ctx.now() },
    }),
    PublishFirmware: (ctx) => {
      const location = firmwareLocation(ctx);
      // checksum: the MD5 of the image; the reference CSMS has no image, so it digests its name.
      return { location, checksum: createHash('md5').update(FIRMWARE_IMAGE).digest('hex'), requestId: ++ctx.counters.fileRequestIds };
    },
  },
};
