/**
 * The configuration keys of the 1.6 reference charge point (OCPP 1.6 section 9.1, Core profile,
 * plus the few optional ones it implements), with their access and value checks.
 */

export type KeyKind = 'int' | 'bool' | 'measurands' | 'profiles' | 'text' | 'hexkey' | 'profile';

export interface KeyDef {
  key: string;
  readonly: boolean;
  kind: KeyKind;
  /** Required by the Core profile (section 9.1 "Required: yes"). */
  required: boolean;
  /** Write-only (the whitepaper's AuthorizationKey): GetConfiguration never shows the value. */
  writeOnly?: boolean;
}

const MEASURANDS = new Set([
  'Energy.Active.Export.Register',
  'Energy.Active.Import.Register',
  'Energy.Reactive.Export.Register',
  'Energy.Reactive.Import.Register',
  'Energy.Active.Export.Interval',
  'Energy.Active.Import.Interval',
  'Energy.Reactive.Export.Interval',
  'Energy.Reactive.Import.Interval',
  'Power.Active.Export',
  'Power.Active.Import',
  'Power.Offered',
  'Power.Reactive.Export',
  'Power.Reactive.Import',
  'Power.Factor',
  'Current.Import',
  'Current.Export',
  'Current.Offered',
  'Voltage',
  'Frequency',
  'Temperature',
  'SoC',
  'RPM',
]);

const CORE_KEYS: KeyDef[] = [
  { key: 'AuthorizeRemoteTxRequests', readonly: false, kind: 'bool', required: true },
  { key: 'ClockAlignedDataInterval', readonly: false, kind: 'int', required: true },
  { key: 'ConnectionTimeOut', readonly: false, kind: 'int', required: true },
  { key: 'ConnectorPhaseRotation', readonly: false, kind: 'text', required: true },
  { key: 'GetConfigurationMaxKeys', readonly: true, kind: 'int', required: true },
  { key: 'HeartbeatInterval', readonly: false, kind: 'int', required: true },
  { key: 'LocalAuthorizeOffline', readonly: false, kind: 'bool', required: true },
  { key: 'LocalPreAuthorize', readonly: false, kind: 'bool', required: true },
  { key: 'MeterValuesAlignedData', readonly: false, kind: 'measurands', required: true },
  { key: 'MeterValuesSampledData', readonly: false, kind: 'measurands', required: true },
  { key: 'MeterValueSampleInterval', readonly: false, kind: 'int', required: true },
  { key: 'NumberOfConnectors', readonly: true, kind: 'int', required: true },
  { key: 'ResetRetries', readonly: false, kind: 'int', required: true },
  { key: 'StopTransactionOnEVSideDisconnect', readonly: false, kind: 'bool', required: true },
  { key: 'StopTransactionOnInvalidId', readonly: false, kind: 'bool', required: true },
  { key: 'StopTxnAlignedData', readonly: false, kind: 'measurands', required: true },
  { key: 'StopTxnSampledData', readonly: false, kind: 'measurands', required: true },
  { key: 'SupportedFeatureProfiles', readonly: true, kind: 'profiles', required: true },
  { key: 'TransactionMessageAttempts', readonly: false, kind: 'int', required: true },
  { key: 'TransactionMessageRetryInterval', readonly: false, kind: 'int', required: true },
  { key: 'UnlockConnectorOnEVSideDisconnect', readonly: false, kind: 'bool', required: true },
  { key: 'WebSocketPingInterval', readonly: false, kind: 'int', required: false },
  { key: 'AuthorizationCacheEnabled', readonly: false, kind: 'bool', required: false },
  // Read-only in most charge points (1.6 §9.4); writable here so that a case can set the precondition of TC_050_4.
  { key: 'ReserveConnectorZeroSupported', readonly: false, kind: 'bool', required: false },
  { key: 'LocalAuthListEnabled', readonly: false, kind: 'bool', required: false },
  { key: 'LocalAuthListMaxLength', readonly: true, kind: 'int', required: false },
  { key: 'SendLocalListMaxLength', readonly: true, kind: 'int', required: false },
];

/** The keys the "Improved security for OCPP 1.6-J" whitepaper adds. */
const SECURITY_KEYS: KeyDef[] = [
  { key: 'AdditionalRootCertificateCheck', readonly: true, kind: 'bool', required: false },
  { key: 'AuthorizationKey', readonly: false, kind: 'hexkey', required: false, writeOnly: true },
  { key: 'CertificateSignedMaxChainSize', readonly: true, kind: 'int', required: false },
  { key: 'CertificateStoreMaxLength', readonly: true, kind: 'int', required: false },
  { key: 'CpoName', readonly: false, kind: 'text', required: false },
  { key: 'SecurityProfile', readonly: false, kind: 'profile', required: false },
];

export function isValidValue(def: KeyDef, value: string): boolean {
  switch (def.kind) {
    case 'int':
      return /^\d{1,9}$/.test(value.trim());
    case 'bool':
      return /^(true|false)$/i.test(value.trim());
    case 'measurands':
      return value.trim() === '' || value.split(',').every((m) => MEASURANDS.has(m.trim()));
    case 'profiles':
      return true;
    case 'text':
      return value.length <= 500;
    case 'hexkey':
      // 16 to 20 random bytes, hex-encoded (whitepaper: AuthorizationKey).
      return /^(?:[0-9a-fA-F]{2}){16,20}$/.test(value);
    case 'profile':
      return /^[0-3]$/.test(value.trim());
  }
}

/** A charge point's configuration store: values are strings, as on the wire. */
export class ConfigStore {
  private readonly defs = new Map<string, KeyDef>();
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string>) {
    for (const d of [...CORE_KEYS, ...SECURITY_KEYS]) {
      this.defs.set(d.key, d);
      this.values.set(d.key, initial[d.key] ?? '');
    }
  }

  def(key: string): KeyDef | undefined {
    return this.defs.get(key);
  }

  get(key: string): string {
    return this.values.get(key) ?? '';
  }

  int(key: string): number {
    const n = Number.parseInt(this.get(key), 10);
    return Number.isFinite(n) ? n : 0;
  }

  bool(key: string): boolean {
    return this.get(key).trim().toLowerCase() === 'true';
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  /**
   * The start values of a configuration variant: key -> value for the keys it has (other settings
   * are the charge point's own, e.g. `connectors`). A value the key refuses is a broken variant.
   */
  configure(settings: Readonly<Record<string, string>>): void {
    for (const [key, value] of Object.entries(settings)) {
      const d = this.defs.get(key);
      if (!d) continue;
      if (!isValidValue(d, value)) throw new Error(`configuration: ${key} cannot be "${value}"`);
      this.values.set(key, value);
    }
  }

  all(): KeyDef[] {
    return [...this.defs.values()];
  }
}
