import { RpcError, type Payload } from '../../../rpc.js';
import type { CentralSystem16, StationSession } from '../central-system.js';
import { csmsPolicy } from '../../policy.js';

/**
 * Core profile of the 1.6 reference central system outside the other blocks (sections ColdBoot
 * and DataTransfer): BootNotification accepts the configured charge point only and opens the
 * boot gate; Heartbeat and the status notifications are acknowledged.
 */

/** The vendorId this central system implements DataTransfer for; any other is unknown. */
export const REFERENCE_VENDOR_ID = 'org.ocpp-harness.reference';

export function onBootNotification(cs: CentralSystem16, s: StationSession): Payload {
  const cfg = cs.o.config;
  const policy = csmsPolicy(cs.o.settings);
  const boots = (cs.boots.get(s.identity) ?? 0) + 1;
  cs.boots.set(s.identity, boots);
  // Variants: an unknown charge point held Pending (awaiting an operator) instead of Rejected; the first boots of a known one Pending.
  let status = s.identity === cfg.stationId ? 'Accepted' : policy.acceptUnknownStations ? 'Pending' : 'Rejected';
  if (status === 'Accepted' && boots <= policy.bootPendingCount) status = 'Pending';
  if (status === 'Accepted' && cs.faults.has('boot-rejected')) status = 'Rejected';
  if (status === 'Accepted' && cs.faults.has('boot-closes-transactions'))
    for (const tx of cs.transactions.values())
      if (tx.active && tx.identity === s.identity) Object.assign(tx, { active: false, refuseStop: true });
  if (status === 'Accepted') cs.accepted.add(s.identity);
  else cs.accepted.delete(s.identity);
  return {
    status,
    currentTime: cs.now(),
    interval: status === 'Accepted' ? (policy.heartbeatIntervalS ?? cfg.timeouts.heartbeatIntervalS) : cfg.timeouts.bootRetryIntervalS,
  };
}

export function onHeartbeat(cs: CentralSystem16): Payload {
  return { currentTime: cs.now() };
}

/**
 * StatusNotification: remembered per connector (the reservation and timeout flows read it) and
 * answered; a report cannot be refused.
 */
export function onStatusNotification(cs: CentralSystem16, s: StationSession, p: Payload): Payload {
  const connectors = cs.connectorStatus.get(s.identity) ?? new Map<number, string>();
  cs.connectorStatus.set(s.identity, connectors);
  const connectorId = Number(p.connectorId);
  const previous = connectors.get(connectorId);
  connectors.set(connectorId, String(p.status));
  if (p.status === 'Faulted' && cs.faults.has('status-faulted-refused'))
    throw new RpcError('InternalError', 'connector fault not expected');
  if (p.status === 'Available' && previous === 'Preparing' && cs.faults.has('status-available-after-preparing-refused'))
    throw new RpcError('GenericError', 'a transaction was expected after Preparing');
  return {};
}

/** MeterValues, DiagnosticsStatusNotification, FirmwareStatusNotification. */
export function acknowledge(): Payload {
  return {};
}

export function onDataTransfer(cs: CentralSystem16, p: Payload): Payload {
  if (p.vendorId !== REFERENCE_VENDOR_ID) {
    return { status: cs.faults.has('datatransfer-unknown-vendor-accepted') ? 'Accepted' : 'UnknownVendorId' };
  }
  return { status: 'UnknownMessageId' };
}

/**
 * Boot gating: until a BootNotification of the identity was Accepted (a reconnect without a
 * reboot keeps the acceptance), every other request is refused with CALLERROR SecurityError.
 */
export function checkBootGate(cs: CentralSystem16, s: StationSession, action: string): void {
  if (!cs.accepted.has(s.identity) && !cs.faults.has('cs-no-boot-gating')) {
    throw new RpcError('SecurityError', `${action} refused: the charge point has not been accepted by a BootNotification`);
  }
}
