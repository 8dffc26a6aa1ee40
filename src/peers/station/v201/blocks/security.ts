import { X509Certificate } from 'node:crypto';
import { stationSerialOf } from '../../../../core/config.js';
import type { SecurityProfile } from '../../../../core/meta.js';
import { createCsr } from '../../../../pki/csr.js';
import { RENAMED_SINCE_16, SECURITY_EVENTS_201 } from '../../../../protocol/security-events.js';
import type { Payload } from '../../../rpc.js';
import type { SecurityEvent } from '../../../shared/security-log.js';
import type { StationState } from '../state.js';
import { checkSignedChain, identityValid, publicKeyDerOf } from '../tls-identity.js';
import { csmsRoots } from './certificates.js';

/**
 * Block A (security): security events (A04: which are critical and pushed, queued while
 * offline), connection profiles and their upgrade (A05, B09/B10), and the renewal of the
 * station certificate (A02/A03).
 */

/**
 * Critical events: pushed to the CSMS and queued until delivered (A04.FR.01/02). The two
 * maintenance-login events are not rated in the sources at hand; this station pushes them (as
 * libocpp does) so a CSMS can alert on local access.
 */
const CRITICAL = new Set<string>([...SECURITY_EVENTS_201.critical, 'MaintenanceLoginAccepted', 'MaintenanceLoginFailed']);

/** Records a security event; critical ones are also pushed (queued until acknowledged). */
export function securityEvent(st: StationState, type: string, techInfo?: string, push = false): void {
  if ((type === 'StartupOfTheDevice' || type === 'ResetOrReboot') && st.faults.has('no-security-event-at-boot')) return;
  // The 1.6 Security Whitepaper spellings of the events 2.0.1 renamed (only under the fault).
  const name = st.faults.has('event-name-16-spelling') ? (RENAMED_SINCE_16[type] ?? type) : type;
  const event: SecurityEvent = { type: name, timestamp: st.now(), techInfo };
  // `push`: events the CSMS must learn about although they are not rated critical (A00 TLS failures, A02.FR.07).
  const critical = (push || CRITICAL.has(type)) && !(type === 'TamperDetectionActivated' && st.faults.has('tamper-not-reported'));
  if (critical || !st.faults.has('security-log-omits-noncritical')) st.securityLog.add(event);
  if (!critical) return;
  st.undelivered.push(event);
  void deliverEvents(st);
}

/** Pushes queued critical events one by one; each stays queued until the CSMS acknowledged it. */
export async function deliverEvents(st: StationState): Promise<void> {
  if (st.delivering) return;
  st.delivering = true;
  try {
    while (st.undelivered.length && st.rpc && st.bootState === 'accepted' && !st.stopped) {
      const e = st.undelivered[0];
      const payload: Payload = { type: e.type, timestamp: st.faults.has('offline-event-restamped') ? st.now() : e.timestamp };
      if (e.techInfo) payload.techInfo = e.techInfo;
      const res = await st.send('SecurityEventNotification', payload);
      if (res === undefined) break;
      if (st.undelivered[0] === e) st.undelivered.shift();
    }
  } finally {
    st.delivering = false;
  }
}

// ---- connection profiles (A05, B09, B10) ---------------------------------------------------

/** Configuration slots the station has for network connection profiles (B09): 1..MAX_SLOTS. */
const MAX_SLOTS = 8;

/** The slots in NetworkConfigurationPriority order that exist. */
function prioritySlots(st: StationState): number[] {
  return st.dm
    .list('OCPPCommCtrlr', 'NetworkConfigurationPriority')
    .map(Number)
    .filter((n) => st.slots.has(n));
}

/** At a (re)boot: the first slot of NetworkConfigurationPriority becomes the connection (A05, B10). */
export function applyNetworkPriority(st: StationState): void {
  if (st.faults.has('network-priority-ignored')) return;
  const first = prioritySlots(st)[0];
  const slot = first === undefined ? undefined : st.slots.get(first);
  if (!slot) return;
  if (!st.faults.has('network-profile-url-ignored')) st.url = slot.url;
  st.profile = slot.profile;
  st.dm.put('SecurityCtrlr', 'SecurityProfile', String(slot.profile));
}

/** Connected on a profile: slots of a lower profile leave the priority list (no way back, A05 errata). */
export function dropLowerSlots(st: StationState): void {
  const keep = prioritySlots(st).filter((n) => st.slots.get(n)!.profile >= st.profile);
  if (keep.length) st.dm.put('OCPPCommCtrlr', 'NetworkConfigurationPriority', keep.join(','));
}

/** SetNetworkProfile (A05, B09): stores a connection profile when its prerequisites hold. */
export function setNetworkProfile(st: StationState, p: Payload): Payload {
  const slot = p.configurationSlot as number;
  const cd = p.connectionData as Payload;
  const sp = cd.securityProfile as number;
  const rejected = (reasonCode: string, additionalInfo: string): Payload => ({
    status: 'Rejected',
    statusInfo: { reasonCode, additionalInfo },
  });
  const now = new Date(st.o.clock.now());
  if (sp < st.profile && !st.faults.has('downgrades-profile'))
    return rejected('NoSecurityDowngrade', `security profile ${sp} is lower than the current ${st.profile}`);
  if (sp < 0 || sp > 3) return rejected('InvalidValue', `unknown security profile ${sp}`);
  if ((sp === 1 || sp === 2) && !st.password) return rejected('NoPassword', 'no BasicAuthPassword is set');
  const validRoot = csmsRoots(st).some((pem) => {
    try {
      const x = new X509Certificate(pem);
      return now >= new Date(x.validFrom) && now <= new Date(x.validTo);
    } catch {
      return false;
    }
  });
  if (sp >= 2 && !validRoot && !st.faults.has('upgrade-without-csms-root'))
    return rejected('NoCsmsRootCert', 'no valid CSMSRootCertificate is installed');
  if (sp === 3 && !identityValid(st.identity, now) && !st.faults.has('upgrade-without-station-cert'))
    return rejected('NoStationCert', 'no valid charging station certificate');
  if (cd.ocppVersion !== 'OCPP20') return rejected('InvalidValue', `ocppVersion ${String(cd.ocppVersion)} is not supported`);
  if (cd.ocppTransport !== 'JSON') return rejected('InvalidValue', 'only JSON transport is supported');
  if (!(Number.isInteger(slot) && slot >= 1 && slot <= MAX_SLOTS) && !st.faults.has('network-profile-any-slot'))
    return rejected('InvalidValue', `the station has configuration slots 1 to ${MAX_SLOTS}`);
  if (prioritySlots(st)[0] === slot) return rejected('SlotInUse', `configuration slot ${slot} is the active connection`);
  st.slots.set(slot, { url: cd.ocppCsmsUrl as string, profile: sp as SecurityProfile });
  return { status: 'Accepted' };
}

// ---- certificate renewal (A02, A03) ---------------------------------------------------------

/** TriggerMessage SignChargingStationCertificate: a new renewal (new key pair, CSR). */
export function startRenewal(st: StationState): void {
  st.cancel(st.renewal?.timer);
  st.renewal = { attempt: 0 };
  st.later(0, () => void sendCsr(st));
}

/** Sends a CSR for a new key; retries after CertSigningWaitMinimum (doubling) unless a CertificateSigned settles it. */
async function sendCsr(st: StationState): Promise<void> {
  const r = st.renewal;
  if (!r || st.stopped) return;
  const { csrPem, privateKeyPem } = createCsr({
    commonName: stationSerialOf(st.o.config),
    org: st.dm.get('SecurityCtrlr', 'OrganizationName'),
    keyType: 'ec',
  });
  st.pendingKeys.push({ privateKeyPem, publicKeyDer: publicKeyDerOf(privateKeyPem) });
  if (st.pendingKeys.length > 4) st.pendingKeys.shift();
  r.attempt++;
  const res = await st.send('SignCertificate', { csr: csrPem, certificateType: 'ChargingStationCertificate' });
  if (st.renewal !== r || st.stopped) return;
  if (res?.status === 'Rejected' && st.faults.has('sign-rejected-no-retry')) return;
  if (res?.status === 'Accepted' && st.faults.has('cert-signed-timeout-no-retry')) return;
  if (r.attempt > st.dm.int('SecurityCtrlr', 'CertSigningRepeatTimes')) {
    st.renewal = undefined;
    return;
  }
  const waitS = Math.max(1, st.dm.int('SecurityCtrlr', 'CertSigningWaitMinimum')) * 2 ** (r.attempt - 1);
  r.timer = st.later(waitS * 1000, () => {
    if (st.renewal === r) void sendCsr(st);
  });
}

/** CertificateSigned (A02): a valid chain for one of our CSRs replaces the station certificate. */
export function certificateSigned(st: StationState, p: Payload): Payload {
  if (p.certificateType !== undefined && p.certificateType !== 'ChargingStationCertificate') {
    return {
      status: 'Rejected',
      statusInfo: { reasonCode: 'NotSupported', additionalInfo: `${String(p.certificateType)} is not supported` },
    };
  }
  const check = checkSignedChain(p.certificateChain as string, {
    now: new Date(st.o.clock.now()),
    serialNumber: stationSerialOf(st.o.config),
    trustedRoots: csmsRoots(st),
    pending: st.pendingKeys,
    skipChain: st.faults.has('accepts-untrusted-station-cert'),
    skipKey: st.faults.has('signed-cert-key-unchecked'),
  });
  if (!check.ok) {
    securityEvent(st, 'InvalidChargingStationCertificate', check.problem.slice(0, 255), true);
    return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: check.problem.slice(0, 512) } };
  }
  st.cancel(st.renewal?.timer);
  st.renewal = undefined;
  st.pendingKeys = st.pendingKeys.filter((k) => k !== check.key);
  if (!st.faults.has('renewed-cert-not-used')) st.identity = { cert: p.certificateChain as string, key: check.key.privateKeyPem };
  // A02.FR.08: reconnect so the new certificate is used.
  if (st.profile === 3) st.reconnectSoon();
  return { status: 'Accepted' };
}
