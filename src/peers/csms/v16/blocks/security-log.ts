import type http from 'node:http';
import { securityEventNames } from '../../../../protocol/security-events.js';
import { NO_REPLY, RpcError, type Payload } from '../../../rpc.js';
import type { CentralSystem16, OperatorRequest } from '../central-system.js';

/**
 * Security events and logs in the 1.6 reference central system (whitepaper A04 and N01):
 * SecurityEventNotification is acknowledged (also proprietary types), the operator's GetLog
 * names an upload location on the listener's own HTTP service, which takes the upload.
 */

/** The whitepaper's critical security events (pushed; the others are only logged, but still acknowledged). */
const CRITICAL_EVENTS = [
  'FirmwareUpdated',
  'SettingSystemTime',
  'StartupOfTheDevice',
  'ResetOrReboot',
  'SecurityLogWasCleared',
  'MemoryExhaustion',
  'TamperDetectionActivated',
];

export function onSecurityEventNotification(cs: CentralSystem16, p: Payload): Payload | typeof NO_REPLY {
  const name = String(p.type);
  const known16 = securityEventNames('1.6');
  if (cs.faults.has('security-event-201-names-only') && !securityEventNames('2.0.1').includes(name))
    throw new RpcError('PropertyConstraintViolation', `unknown security event ${name}`);
  if (cs.faults.has('security-event-noncritical-ignored') && known16.includes(name) && !CRITICAL_EVENTS.includes(name)) return NO_REPLY;
  // Proprietary types are acknowledged too (the standard name SHALL be used when one fits).
  cs.log(`security event ${name}${known16.includes(name) ? '' : ' (not a whitepaper name)'}`);
  return {};
}

export function onLogStatusNotification(cs: CentralSystem16, p: Payload): Payload {
  cs.log(`log status ${String(p.status)} (request ${String(p.requestId ?? '-')})`);
  return {};
}

export function getLogRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest {
  const logType = typeof d.logType === 'string' && d.logType !== '' ? d.logType : 'SecurityLog';
  if (logType !== 'SecurityLog' && logType !== 'DiagnosticsLog') return { error: 'GetLog needs logType SecurityLog or DiagnosticsLog' };
  const sent = logType === 'SecurityLog' && cs.faults.has('getlog-wrong-type') ? 'DiagnosticsLog' : logType;
  return {
    payload: {
      logType: sent,
      requestId: cs.nextRequestId++,
      log: { remoteLocation: `${cs.httpBase}/logs/${encodeURIComponent(identity)}/` },
    },
  };
}

/** Takes log uploads (PUT/POST under /logs/, at most 1 MiB); false for any other request. */
export function onLogUpload(cs: CentralSystem16, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  if (!path.startsWith('/logs/') || (req.method !== 'PUT' && req.method !== 'POST')) return false;
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > 1024 * 1024) req.destroy();
  });
  req.on('end', () => {
    cs.log(`log upload ${path} (${size} bytes)`);
    res.writeHead(201, { 'content-type': 'text/plain' });
    res.end('stored\n');
  });
  return true;
}
