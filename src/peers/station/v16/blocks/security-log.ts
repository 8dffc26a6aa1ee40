import { uploadToLoopback } from '../../../../transport/loopback.js';
import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16 } from '../charge-point.js';
import { formatSecurityLog, type SecurityEvent } from '../../../shared/security-log.js';

/**
 * Security events and logs of the 1.6 reference charge point (whitepaper A04 and N01): every event
 * goes to the security log; the ones the central system must learn about are pushed with
 * SecurityEventNotification (queued while offline); GetLog uploads the security or diagnostics
 * log (loopback http only).
 */

/** Events this charge point pushes with SecurityEventNotification; every event goes to the security log. */
export const PUSHED_EVENTS_16 = new Set([
  // Critical per the whitepaper.
  'FirmwareUpdated',
  'SettingSystemTime',
  'StartupOfTheDevice',
  'ResetOrReboot',
  'SecurityLogWasCleared',
  'MemoryExhaustion',
  'TamperDetectionActivated',
  // Certificate and firmware integrity problems the central system must learn about (TC_077, TC_078, TC_081).
  'InvalidCentralSystemCertificate',
  'InvalidChargePointCertificate',
  'InvalidFirmwareSignature',
  'InvalidFirmwareSigningCertificate',
  'InvalidTLSVersion',
  'InvalidTLSCipherSuite',
]);

/**
 * Records a security event in the security log (A04.FR.04); the ones the central system must
 * learn about are also pushed with SecurityEventNotification, queued while offline (A04.FR.02).
 */
export function securityEvent(cp: ChargePoint16, type: string, techInfo?: string, push = true): void {
  const ev: SecurityEvent = { type, timestamp: cp.now(), ...(techInfo ? { techInfo: techInfo.slice(0, 255) } : {}) };
  cp.securityLog.add(ev);
  if (!push || !PUSHED_EVENTS_16.has(type)) return;
  // An event of the same type still waiting is not queued twice (a failing dial repeats).
  if (cp.outbox.some((e) => e.type === type)) return;
  cp.outbox.push(ev);
  if (cp.bootState === 'accepted') cp.later(AFTER_REPLY_MS, () => void flushEvents(cp));
}

export async function flushEvents(cp: ChargePoint16): Promise<void> {
  if (cp.flushing) return;
  cp.flushing = true;
  try {
    while (cp.outbox.length && cp.bootState === 'accepted') {
      const ev = cp.outbox[0]!;
      const res = await cp.send('SecurityEventNotification', { ...ev });
      if (!res) break;
      cp.outbox.shift();
    }
  } finally {
    cp.flushing = false;
  }
}

/** GetLog (N01): the security or diagnostics log is PUT to the remote location (loopback http only). */
export function onGetLog(cp: ChargePoint16, p: Payload): Payload {
  const requestId = p.requestId as number;
  const logType = String(p.logType);
  const log = p.log as { remoteLocation: string; oldestTimestamp?: string; latestTimestamp?: string };
  if (logType === 'SecurityLog' && cp.faults.has('getlog-security-log-rejected')) return { status: 'Rejected' };
  const text =
    logType === 'SecurityLog'
      ? formatSecurityLog(cp.securityLog.all(), log.oldestTimestamp, log.latestTimestamp)
      : `${cp.now()} diagnostics of ${cp.o.identity}: registration ${cp.bootState}, security profile ${cp.profile}\n`;
  const filename = `${logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${requestId}.log`;
  cp.later(AFTER_REPLY_MS, async () => {
    cp.logStatus = 'Uploading';
    await cp.send('LogStatusNotification', { status: 'Uploading', requestId });
    const ok = await uploadToLoopback(log.remoteLocation, text, cp.o.config.timeouts.messageMs);
    cp.logStatus = ok ? 'Uploaded' : 'UploadFailure';
    await cp.send('LogStatusNotification', { status: cp.logStatus, requestId });
  });
  return { status: 'Accepted', filename };
}
