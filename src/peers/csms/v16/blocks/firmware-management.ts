import { randomBytes } from 'node:crypto';
import { intParam, type CentralSystem16, type OperatorRequest } from '../central-system.js';

/**
 * Firmware Management in the 1.6 reference central system (OCPP 1.6 §4.4, §4.5, §5.9, §5.19): the
 * operator's UpdateFirmware names an image this central system serves itself on its loopback
 * HTTP service (the firmware block serves /firmware/fw-N.bin), GetDiagnostics names its upload
 * directory (/logs/, stored by the security-log block). The status notifications are answered by
 * the core block.
 */

export function updateFirmwareRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const n = cs.nextRequestId++;
  cs.firmware.set(n, { bytes: Buffer.concat([Buffer.from(`ocpp-harness reference firmware ${n}\n`), randomBytes(2048)]) });
  const location = cs.faults.has('updatefirmware-location-relative') ? `fw-${n}.bin` : `${cs.httpBase}/firmware/fw-${n}.bin`;
  const payload: Record<string, unknown> = { location, retrieveDate: new Date(cs.o.clock.now()).toISOString() };
  const retries = intParam(d.retries);
  if (retries !== undefined) payload.retries = retries;
  return { payload };
}

export function getDiagnosticsRequest(cs: CentralSystem16): OperatorRequest {
  const location = cs.faults.has('getdiagnostics-location-relative') ? 'diagnostics' : `${cs.httpBase}/logs/diagnostics/`;
  return { payload: { location } };
}
