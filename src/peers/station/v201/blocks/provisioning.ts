import { stationSerialOf } from '../../../../core/config.js';
import { RpcError, type RpcPeer, type Payload } from '../../../rpc.js';
import type { ComponentRef, VariableRef } from '../device-model.js';
import type { StationState } from '../state.js';
import { restartPings } from '../connection.js';
import { reportStatus } from './availability.js';
import { resetEvse } from './evse-reset.js';
import { restartAligned, restartPeriodic } from './meter-values.js';
import { deliverEvents, securityEvent } from './security.js';
import { endTx } from './transactions.js';

/** Block B (provisioning): boot, heartbeat, GetVariables/SetVariables and Reset. */

export async function boot(st: StationState, rpc: RpcPeer, reason: string): Promise<void> {
  st.cancel(st.bootRetry);
  st.bootRetry = undefined;
  if (st.bootState !== 'pending' && st.bootState !== 'rejected') st.bootState = 'booting';
  const retryInterval = st.o.config.timeouts.bootRetryIntervalS;
  let res: Payload;
  try {
    res = await rpc.call(
      'BootNotification',
      st.variant.bootPayload({
        reason: st.faults.has('boot-invalid-reason') ? 'Booted' : reason,
        chargingStation: {
          model: 'RefStation',
          vendorName: 'ocpp-harness',
          firmwareVersion: '1.0.0',
          serialNumber: stationSerialOf(st.o.config),
        },
      }),
    );
  } catch (err) {
    st.o.log?.(`boot failed: ${(err as Error).message}`);
    // No usable answer (CALLERROR, malformed, timeout): try again after the retry interval.
    if (st.rpc === rpc && !st.stopped && !st.registered) {
      st.bootRetry = st.later(retryInterval * 1000, () => {
        if (st.rpc === rpc && st.bootState !== 'accepted') void boot(st, rpc, reason);
      });
    }
    return;
  }
  if (st.rpc !== rpc || st.stopped) return;
  if (res.status === 'Accepted' && st.registered) return; // already unlocked (fault)
  const valid = Number.isInteger(res.interval) && (res.interval as number) > 0;
  const intervalS = valid
    ? (res.interval as number)
    : st.faults.has('negative-interval-accepted') && Number.isInteger(res.interval)
      ? (res.interval as number)
      : retryInterval;
  if (res.status === 'Accepted') {
    onBootAccepted(st, intervalS);
    return;
  }
  if (res.status === 'Pending') {
    st.bootState = 'pending';
    if (st.faults.has('pending-sends-status')) reportStatus(st, true, true);
  } else {
    st.bootState = 'rejected';
  }
  // Pending or Rejected: nothing else is sent; the boot is retried after the interval.
  const retryMs = st.bootState === 'rejected' && st.faults.has('rejected-retry-early') ? 50 : Math.max(1, intervalS) * 1000;
  st.bootRetry = st.later(retryMs, () => {
    if (st.rpc === rpc && st.bootState !== 'accepted') void boot(st, rpc, reason);
  });
}

export function onBootAccepted(st: StationState, intervalS: number): void {
  st.cancel(st.bootRetry);
  st.bootRetry = undefined;
  st.bootState = 'accepted';
  st.everAccepted = true;
  st.dm.put('OCPPCommCtrlr', 'HeartbeatInterval', String(intervalS));
  reportStatus(st, true);
  restartHeartbeat(st);
  restartAligned(st);
  if (st.lostTx) {
    const lost = st.lostTx;
    st.lostTx = undefined;
    void st.send('TransactionEvent', {
      eventType: 'Ended',
      timestamp: st.now(),
      triggerReason: 'AbnormalCondition',
      seqNo: lost.seqNo++,
      transactionInfo: { transactionId: lost.id, chargingState: st.plugged ? 'EVConnected' : 'Idle', stoppedReason: 'PowerLoss' },
      evse: { id: st.evseId, connectorId: st.connectorId },
    });
  }
  void deliverEvents(st);
}

function restartHeartbeat(st: StationState): void {
  st.cancel(st.heartbeatTimer);
  st.heartbeatTimer = undefined;
  const s = st.dm.int('OCPPCommCtrlr', 'HeartbeatInterval');
  if (s === 0 || (s < 0 && !st.faults.has('negative-interval-accepted'))) return;
  const beat = () => {
    st.heartbeatTimer = st.later(s * 1000, beat);
    void st.send('Heartbeat', {});
  };
  st.heartbeatTimer = st.later(s * 1000, beat);
}

function checkItems(st: StationState, items: unknown[], instance: string): void {
  const max = Number.parseInt(st.dm.get('DeviceDataCtrlr', 'ItemsPerMessage', instance), 10);
  if (items.length > max) throw new RpcError('OccurrenceConstraintViolation', `at most ${max} items per ${instance} request`);
}

export function getVariables(st: StationState, p: Payload): Payload {
  const items = p.getVariableData as { component: ComponentRef; variable: VariableRef; attributeType?: string }[];
  checkItems(st, items, 'GetVariables');
  let results: Payload[] = items.map((item) => {
    const base: Payload = { component: item.component, variable: item.variable };
    if (item.attributeType !== undefined) base.attributeType = item.attributeType;
    const found = st.dm.lookup(item.component, item.variable);
    if (found.kind === 'UnknownComponent')
      return { ...base, attributeStatus: st.faults.has('getvar-unknown-component-misreported') ? 'UnknownVariable' : 'UnknownComponent' };
    if (found.kind === 'UnknownVariable')
      return { ...base, attributeStatus: st.faults.has('getvar-unknown-variable-misreported') ? 'UnknownComponent' : 'UnknownVariable' };
    // Only the Actual attribute exists in this device model (B06.FR.08).
    if ((item.attributeType ?? 'Actual') !== 'Actual' && !st.faults.has('getvar-attribute-type-ignored'))
      return { ...base, attributeStatus: 'NotSupportedAttributeType' };
    if (found.def.mutability === 'WriteOnly' && !(found.def.kind === 'password' && st.faults.has('password-readable'))) {
      return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'WriteOnly' } };
    }
    if (found.def.kind === 'password') return { ...base, attributeStatus: 'Accepted', attributeValue: st.password ?? found.def.value };
    const r: Payload = { ...base, attributeStatus: 'Accepted', attributeValue: found.def.value };
    if (st.faults.has('getvar-omits-value')) delete r.attributeValue;
    return r;
  });
  if (st.faults.has('getvar-only-first')) results = results.slice(0, 1);
  return { getVariableResult: results };
}

/** The status of a SetVariables entry the device model does not have (B05.FR.04, B05.FR.05). */
function unknownStatus(st: StationState, kind: 'UnknownComponent' | 'UnknownVariable'): string {
  if (kind === 'UnknownComponent') return st.faults.has('setvar-unknown-component-misreported') ? 'UnknownVariable' : kind;
  return st.faults.has('setvar-unknown-variable-misreported') ? 'Rejected' : kind;
}

export function setVariables(st: StationState, p: Payload): Payload {
  const items = p.setVariableData as { component: ComponentRef; variable: VariableRef; attributeType?: string; attributeValue: string }[];
  checkItems(st, items, 'SetVariables');
  const changed = new Set<string>();
  let passwordChanged = false;
  let results: Payload[] = items.map((item) => {
    const base: Payload = { component: item.component, variable: item.variable };
    if (item.attributeType !== undefined) base.attributeType = item.attributeType;
    const found = st.dm.lookup(item.component, item.variable);
    if (found.kind !== 'found') return { ...base, attributeStatus: unknownStatus(st, found.kind) };
    if ((item.attributeType ?? 'Actual') !== 'Actual' && !st.faults.has('setvar-attribute-type-ignored'))
      return { ...base, attributeStatus: 'NotSupportedAttributeType' };
    const def = found.def;
    if (def.mutability === 'ReadOnly') {
      return st.faults.has('setvar-readonly-accepted')
        ? { ...base, attributeStatus: 'Accepted' }
        : { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'ReadOnly' } };
    }
    const unchecked =
      (def.kind === 'integer' && st.faults.has('setvar-stores-unvalidated')) ||
      (def.kind === 'password' && st.faults.has('invalid-password-accepted') && item.attributeValue.length > 0);
    if (!unchecked && !st.dm.valid(def, item.attributeValue)) {
      // The value is not applied either way; the fault only misreports it (B05.FR.07).
      if (def.kind === 'integer' && st.faults.has('setvar-invalid-format-accepted')) return { ...base, attributeStatus: 'Accepted' };
      if (def.kind === 'password')
        securityEvent(
          st,
          'ReconfigurationOfSecurityParameters',
          'SecurityCtrlr.BasicAuthPassword change rejected: not a valid passwordString',
        );
      return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue' } };
    }
    if (def.kind === 'slotList' && !item.attributeValue.split(',').every((n) => st.slots.has(Number(n)))) {
      return {
        ...base,
        attributeStatus: 'Rejected',
        attributeStatusInfo: { reasonCode: 'InvalidValue', additionalInfo: 'unknown configuration slot' },
      };
    }
    if (!st.faults.has('setvar-not-applied')) {
      def.value = def.kind === 'password' ? '' : item.attributeValue;
      changed.add(`${def.component}.${def.variable}`);
    }
    if (def.component === 'SecurityCtrlr') {
      if (def.variable === 'BasicAuthPassword' && !st.faults.has('new-password-not-used') && st.password !== item.attributeValue) {
        st.password = item.attributeValue;
        passwordChanged = true;
      }
      const leak = st.faults.has('security-log-leaks-password') ? ` to "${item.attributeValue}"` : '';
      securityEvent(st, 'ReconfigurationOfSecurityParameters', `${def.component}.${def.variable} changed${leak}`);
    }
    return { ...base, attributeStatus: 'Accepted' };
  });
  if (st.faults.has('setvar-only-first')) results = results.slice(0, 1);
  // New intervals take effect at once (these only re-arm timers; nothing is sent here).
  if (changed.has('OCPPCommCtrlr.HeartbeatInterval')) restartHeartbeat(st);
  if (changed.has('AlignedDataCtrlr.Interval')) restartAligned(st);
  if (changed.has('SampledDataCtrlr.TxUpdatedInterval')) restartPeriodic(st);
  if (changed.has('OCPPCommCtrlr.WebSocketPingInterval')) restartPings(st);
  if (changed.has('OCPPCommCtrlr.NetworkConfigurationPriority')) {
    // Takes effect at the next (re)boot: the answer says so.
    results = results.map((r) =>
      r.variable?.name === 'NetworkConfigurationPriority' && r.attributeStatus === 'Accepted'
        ? { ...r, attributeStatus: 'RebootRequired' }
        : r,
    );
  }
  // A01.FR.02: the new password is used from the next connection on; reconnect now.
  if (passwordChanged && (st.profile === 1 || st.profile === 2)) st.reconnectSoon();
  return { setVariableResult: results };
}

export function reset(st: StationState, p: Payload): Payload {
  if (p.evseId !== undefined) return resetEvse(st, p);
  const reason = st.faults.has('reset-wrong-boot-reason') ? 'PowerUp' : 'RemoteReset';
  if (!st.tx) {
    st.later(0, () => st.reboot(reason));
    return { status: 'Accepted' };
  }
  if (p.type === 'OnIdle' && !st.faults.has('reset-onidle-immediate')) {
    st.resetScheduled = true;
    return { status: 'Scheduled' };
  }
  st.later(0, () => {
    void (async () => {
      if (!st.faults.has('reset-immediate-no-tx-end')) await endTx(st, 'ResetCommand', 'ImmediateReset');
      if (!st.stopped) st.reboot(reason);
    })();
  });
  return { status: 'Accepted' };
}
