import type { CentralSystem16, OperatorRequest } from '../central-system.js';

/**
 * Configuration in the 1.6 reference central system (section Configuration): the operator's
 * GetConfiguration (all keys or the named ones) and ChangeConfiguration. The whitepaper keys
 * AuthorizationKey and SecurityProfile are the security-profiles block's.
 */

export function getConfigurationRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const keys = Array.isArray(d.key) ? d.key.map(String) : typeof d.key === 'string' ? [d.key] : [];
  if (keys.length === 0) {
    return { payload: cs.faults.has('getconfig-all-sends-keys') ? { key: ['HeartbeatInterval', 'MeterValueSampleInterval'] } : {} };
  }
  return { payload: cs.faults.has('getconfig-key-dropped') ? {} : { key: keys } };
}

export function changeConfigurationRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  if (typeof d.key !== 'string' || d.key === '') return { error: 'ChangeConfiguration needs a key' };
  if (d.value === undefined || d.value === null) return { error: 'ChangeConfiguration needs a value' };
  let value = String(d.value);
  if (cs.faults.has('changeconfig-wrong-value') && /^\d+$/.test(value)) value = String(Number(value) * 1000);
  const key = cs.faults.has('changeconfig-key-lowercased') ? d.key.toLowerCase() : d.key;
  return { payload: { key, value } };
}
