/**
 * Reservation (H) and firmware management (L) for the independent ocpp-rpc 2.0.1 CSMS. Its
 * choices differ from the reference CSMS where the spec leaves them open: reservation ids from
 * its request counter, a ten-minute expiry, a P-256 signer issued per run, firmware under
 * https://firmware.judge.invalid/ (never fetched), and acknowledgements without any bookkeeping.
 */
import { createHash } from 'node:crypto';
import type { CsmsPeerOptions } from '../../src/engine/peer-contract.js';
import { issueFirmwareSigner, signFirmware, type FirmwareSigner } from '../../src/pki/firmware-signing.js';
import type { Payload, Rpc } from './common.js';

const IMAGE = Buffer.from('judge CSMS firmware image\n'.repeat(100));
const LOCATION = 'https://firmware.judge.invalid/images/judge-2.0.bin';

const defined = (o: Payload): Payload => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Inbound calls of H and L (acknowledged once the station is accepted). */
export function hlHandlers(client: Rpc, gate: (action: string) => void): void {
  for (const a of ['ReservationStatusUpdate', 'PublishFirmwareStatusNotification']) client.handle(a, () => (gate(a), {}));
}

/** Operator actions of H and L, built from the csmsSend details. */
export function hlRequests(o: CsmsPeerOptions, nextRequest: () => number): Record<string, (d: Payload) => Payload | string> {
  let signer: FirmwareSigner | undefined;
  return {
    ReserveNow: (d) =>
      defined({
        id: nextRequest(),
        expiryDateTime: d.expiryDateTime ?? new Date(Date.now() + 600_000).toISOString(),
        idToken: d.idToken ?? o.config.ids.validIdToken,
        evseId: d.evseId,
        connectorType: d.connectorType,
        groupIdToken: d.groupIdToken,
      }),
    CancelReservation: (d) => (typeof d.reservationId === 'number' ? { reservationId: d.reservationId } : 'which reservation?'),
    UpdateFirmware: (d) => {
      if (!o.pki) return 'no PKI to sign firmware with';
      signer ??= issueFirmwareSigner(o.pki, Date.now());
      return defined({
        requestId: nextRequest(),
        firmware: defined({
          location: LOCATION,
          retrieveDateTime: d.retrieveDateTime ?? new Date().toISOString(),
          installDateTime: d.installDateTime,
          signingCertificate: signer.certificatePem,
          signature: signFirmware(signer, IMAGE),
        }),
        retries: 2,
        retryInterval: 30,
      });
    },
    PublishFirmware: () => ({ location: LOCATION, checksum: createHash('md5').update(IMAGE).digest('hex'), requestId: nextRequest() }),
    UnpublishFirmware: () => ({ checksum: createHash('md5').update(IMAGE).digest('hex') }),
  };
}
