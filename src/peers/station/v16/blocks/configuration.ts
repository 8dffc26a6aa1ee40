import type { SecurityProfile } from '../../../../core/meta.js';
import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16 } from '../charge-point.js';
import { isValidValue } from '../config-keys.js';
import { restartHeartbeat } from './core.js';
import { restartClockAligned } from './metering.js';
import { changeAuthorizationKey, changeSecurityProfile } from './security-profiles.js';
import { restartSampling } from './transactions.js';

/**
 * Configuration of the 1.6 reference charge point (section Configuration): GetConfiguration and
 * ChangeConfiguration over its keys (config-keys.ts). The whitepaper's AuthorizationKey and
 * SecurityProfile are handed to the security-profiles block once their value is valid.
 */

export function onGetConfiguration(cp: ChargePoint16, p: Payload): Payload {
  const asked = Array.isArray(p.key) ? (p.key as string[]) : [];
  const entry = (key: string) => {
    const def = cp.cfg.def(key)!;
    // A write-only key is listed without its value (the whitepaper's AuthorizationKey).
    if (def.writeOnly) {
      if (cp.faults.has('authorization-key-readable')) return { key, readonly: def.readonly, value: cp.authorizationKey ?? '' };
      // As a real charge point did: the key returned hex-encoded, which hides nothing.
      if (cp.faults.has('authorization-key-readable-hex'))
        return { key, readonly: def.readonly, value: Buffer.from(cp.authorizationKey ?? '', 'utf8').toString('hex') };
      return { key, readonly: def.readonly };
    }
    return { key, readonly: def.readonly, value: cp.cfg.get(key) };
  };
  if (asked.length === 0) {
    let defs = cp.cfg.all();
    if (cp.faults.has('getconfig-all-incomplete'))
      defs = defs.filter((d) => d.key !== 'HeartbeatInterval' && d.key !== 'MeterValueSampleInterval');
    return { configurationKey: defs.map((d) => entry(d.key)) };
  }
  const known = asked.filter((k) => cp.cfg.def(k));
  const unknown = asked.filter((k) => !cp.cfg.def(k));
  const out: Payload = {};
  if (known.length) out.configurationKey = known.map(entry);
  if (unknown.length) out.unknownKey = unknown;
  return out;
}

export function onChangeConfiguration(cp: ChargePoint16, p: Payload): Payload {
  const key = String(p.key);
  const value = String(p.value);
  const def = cp.cfg.def(key);
  if (!def) return { status: cp.faults.has('changeconfig-unknown-key-accepted') ? 'Accepted' : 'NotSupported' };
  if (def.readonly) return { status: 'Rejected' };
  if (!isValidValue(def, value)) {
    if (!cp.faults.has('changeconfig-invalid-value-accepted')) return { status: 'Rejected' };
    cp.cfg.set(key, value);
    return { status: 'Accepted' };
  }
  if (key === 'AuthorizationKey') return changeAuthorizationKey(cp, value);
  if (key === 'SecurityProfile') return changeSecurityProfile(cp, Number.parseInt(value, 10) as SecurityProfile);
  if (cp.faults.has('changeconfig-not-persisted')) return { status: 'Accepted' };
  cp.cfg.set(key, def.kind === 'int' ? String(Number.parseInt(value, 10)) : value);
  if (key === 'HeartbeatInterval') cp.later(AFTER_REPLY_MS, () => restartHeartbeat(cp));
  if (key === 'ClockAlignedDataInterval') cp.later(AFTER_REPLY_MS, () => restartClockAligned(cp));
  if (key === 'MeterValueSampleInterval') cp.later(AFTER_REPLY_MS, () => cp.connectors.forEach((c) => restartSampling(cp, c)));
  return { status: 'Accepted' };
}
