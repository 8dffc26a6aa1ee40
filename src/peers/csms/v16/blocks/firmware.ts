import { randomBytes, sign, type KeyObject } from 'node:crypto';
import type http from 'node:http';
import { issueFirmwareSigner } from '../../../../pki/firmware-signing.js';
import type { TestPki } from '../../../../pki/test-pki.js';
import { RpcError, type Payload } from '../../../rpc.js';
import type { CentralSystem16, OperatorRequest } from '../central-system.js';

/**
 * Signed firmware in the 1.6 reference central system (whitepaper L01): the operator's
 * SignedUpdateFirmware carries an image it serves itself, signed with a firmware signing
 * certificate issued by the manufacturer root; SignedFirmwareStatusNotification is acknowledged.
 */

/** The statuses of the legacy FirmwareStatusNotification (fault signed-fw-status-legacy-enum). */
const LEGACY_FIRMWARE_STATUSES = ['Downloaded', 'DownloadFailed', 'Downloading', 'Idle', 'InstallationFailed', 'Installing', 'Installed'];

export function onSignedFirmwareStatusNotification(cs: CentralSystem16, p: Payload): Payload {
  if (cs.faults.has('signed-fw-status-legacy-enum') && !LEGACY_FIRMWARE_STATUSES.includes(String(p.status)))
    throw new RpcError('PropertyConstraintViolation', `unknown firmware status ${String(p.status)}`);
  cs.log(`signed firmware status ${String(p.status)} (request ${String(p.requestId ?? '-')})`);
  return {};
}

export function signedUpdateFirmwareRequest(cs: CentralSystem16): OperatorRequest {
  if (!cs.o.pki) return { error: 'the reference central system has no PKI to sign firmware with' };
  const requestId = cs.nextRequestId++;
  const image = firmwareImage(cs, requestId);
  const signer = firmwareSigner(cs, cs.o.pki);
  const signed = cs.faults.has('firmware-signature-over-other-bytes') ? Buffer.concat([image.bytes, Buffer.from('\n')]) : image.bytes;
  const signature = sign('sha256', signed, signer.key).toString('base64');
  const firmware: Payload = {
    location: `${cs.httpBase}/firmware/fw-${requestId}.bin`,
    retrieveDateTime: new Date(cs.o.clock.now()).toISOString(),
    signingCertificate: signer.certPem,
    signature,
  };
  return { payload: { requestId, firmware } };
}

function firmwareImage(cs: CentralSystem16, requestId: number): { bytes: Buffer } {
  const bytes = Buffer.concat([Buffer.from(`ocpp-harness reference firmware, request ${requestId}\n`), randomBytes(4096)]);
  const image = { bytes };
  cs.firmware.set(requestId, image);
  return image;
}

/** A firmware signing certificate issued by the manufacturer root (L01: no intermediates), made once per run. */
function firmwareSigner(cs: CentralSystem16, pki: TestPki): { certPem: string; key: KeyObject } {
  if (cs.signer) return cs.signer;
  const signer = issueFirmwareSigner(pki, cs.o.clock.now());
  cs.signer = { certPem: signer.certificatePem, key: signer.key };
  return cs.signer;
}

/** Serves GET /firmware/fw-N.bin; false for any other request. */
export function onFirmwareDownload(cs: CentralSystem16, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  const fw = /^\/firmware\/fw-(\d+)\.bin$/.exec(path);
  if (!fw || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const image = cs.firmware.get(Number(fw[1]));
  if (!image) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no such firmware\n');
    return true;
  }
  cs.log(`firmware ${path} downloaded`);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(image.bytes.length) });
  res.end(req.method === 'HEAD' ? undefined : image.bytes);
  return true;
}
