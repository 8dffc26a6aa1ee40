/**
 * The small 2.0.1 device model of the reference station: the controller variables the
 * catalogue's cases read and write, with mutability and value rules. Only the Actual attribute
 * exists; components are station-level (no evse/connector-bound components).
 */

import { meterDefaults } from './device-model-fgj.js';

export type Mutability = 'ReadOnly' | 'ReadWrite' | 'WriteOnly';
type Kind = 'integer' | 'boolean' | 'option' | 'memberList' | 'password' | 'string' | 'slotList';

export interface VariableDef {
  component: string;
  componentInstance?: string;
  variable: string;
  instance?: string;
  mutability: Mutability;
  kind: Kind;
  value: string;
  /** Allowed values (option) or members (memberList). */
  allowed?: string[];
}

/** BasicAuthPassword values the station accepts (A00.FR.205 errata): 16..40 of a-zA-Z0-9*-_=:+|@.~ */
export const PASSWORD_PATTERN = /^[A-Za-z0-9*\-_=:+|@.~]{16,40}$/;

/** The transaction start/stop points of TxCtrlr (2.0.1 part 2, TxStartPoint / TxStopPoint values). */
export const TX_POINTS = ['ParkingBayOccupancy', 'EVConnected', 'Authorized', 'DataSigned', 'PowerPathClosed', 'EnergyTransfer'] as const;

export const SUPPORTED_MEASURANDS = ['Energy.Active.Import.Register', 'Power.Active.Import'];

function defaults(evConnectionTimeOutS: number): VariableDef[] {
  const rw = 'ReadWrite' as const;
  const ro = 'ReadOnly' as const;
  return [
    { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval', mutability: rw, kind: 'integer', value: '0' },
    { component: 'OCPPCommCtrlr', variable: 'MessageTimeout', instance: 'Default', mutability: ro, kind: 'integer', value: '30' },
    // TransactionEvent delivery (E13, blocks/tx-offline.ts): attempts in all, and the base wait (s) between them.
    { component: 'OCPPCommCtrlr', variable: 'MessageAttempts', instance: 'TransactionEvent', mutability: rw, kind: 'integer', value: '1' },
    {
      component: 'OCPPCommCtrlr',
      variable: 'MessageAttemptInterval',
      instance: 'TransactionEvent',
      mutability: rw,
      kind: 'integer',
      value: '1',
    },
    // 0 = the station sends no WebSocket pings; otherwise a ping every N s, and a missing pong closes the connection.
    { component: 'OCPPCommCtrlr', variable: 'WebSocketPingInterval', mutability: rw, kind: 'integer', value: '0' },
    // Write-only: never reported back (B07/B08 errata); changing it is a security reconfiguration.
    { component: 'SecurityCtrlr', variable: 'BasicAuthPassword', mutability: 'WriteOnly', kind: 'password', value: '' },
    // Security profile (A05): reported, changed only through SetNetworkProfile + NetworkConfigurationPriority + Reset.
    { component: 'SecurityCtrlr', variable: 'SecurityProfile', mutability: ro, kind: 'integer', value: '0' },
    // O of the station certificate's CSR (A02.FR.13); set by the station from its config.
    { component: 'SecurityCtrlr', variable: 'OrganizationName', mutability: rw, kind: 'string', value: '' },
    // Certificate renewal retries (A02): short in the reference (loopback timings).
    { component: 'SecurityCtrlr', variable: 'CertSigningWaitMinimum', mutability: rw, kind: 'integer', value: '1' },
    { component: 'SecurityCtrlr', variable: 'CertSigningRepeatTimes', mutability: rw, kind: 'integer', value: '2' },
    // Seconds offline after which a reconnect reports every connector (B04); 0: every outage counts as long.
    { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold', mutability: rw, kind: 'integer', value: '0' },
    // Connection slots in the order the station tries them (slot 1 = the configured connection).
    { component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority', mutability: rw, kind: 'slotList', value: '1' },
    { component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval', mutability: rw, kind: 'integer', value: '0' },
    { component: 'SampledDataCtrlr', variable: 'TxEndedInterval', mutability: rw, kind: 'integer', value: '0' },
    {
      component: 'SampledDataCtrlr',
      variable: 'TxStartedMeasurands',
      mutability: rw,
      kind: 'memberList',
      value: SUPPORTED_MEASURANDS[0],
      allowed: SUPPORTED_MEASURANDS,
    },
    {
      component: 'SampledDataCtrlr',
      variable: 'TxUpdatedMeasurands',
      mutability: rw,
      kind: 'memberList',
      value: SUPPORTED_MEASURANDS[0],
      allowed: SUPPORTED_MEASURANDS,
    },
    {
      component: 'SampledDataCtrlr',
      variable: 'TxEndedMeasurands',
      mutability: rw,
      kind: 'memberList',
      value: SUPPORTED_MEASURANDS[0],
      allowed: SUPPORTED_MEASURANDS,
    },
    { component: 'AlignedDataCtrlr', variable: 'Interval', mutability: rw, kind: 'integer', value: '0' },
    {
      component: 'AlignedDataCtrlr',
      variable: 'Measurands',
      mutability: rw,
      kind: 'memberList',
      value: SUPPORTED_MEASURANDS[0],
      allowed: SUPPORTED_MEASURANDS,
    },
    { component: 'AlignedDataCtrlr', variable: 'SendDuringIdle', mutability: rw, kind: 'boolean', value: 'false' },
    { component: 'TxCtrlr', variable: 'EVConnectionTimeOut', mutability: rw, kind: 'integer', value: String(evConnectionTimeOutS) },
    // Every start and stop point of the spec (blocks/transactions.ts says how the station reaches each).
    {
      component: 'TxCtrlr',
      variable: 'TxStartPoint',
      mutability: rw,
      kind: 'memberList',
      value: 'PowerPathClosed',
      allowed: [...TX_POINTS],
    },
    {
      component: 'TxCtrlr',
      variable: 'TxStopPoint',
      mutability: rw,
      kind: 'memberList',
      value: 'PowerPathClosed',
      allowed: [...TX_POINTS],
    },
    { component: 'TxCtrlr', variable: 'StopTxOnEVSideDisconnect', mutability: rw, kind: 'boolean', value: 'true' },
    { component: 'AuthCtrlr', variable: 'Enabled', mutability: rw, kind: 'boolean', value: 'true' },
    { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart', mutability: rw, kind: 'boolean', value: 'false' },
    { component: 'AuthCtrlr', variable: 'LocalPreAuthorize', mutability: rw, kind: 'boolean', value: 'false' },
    { component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline', mutability: rw, kind: 'boolean', value: 'false' },
    { component: 'AuthCacheCtrlr', variable: 'Enabled', mutability: rw, kind: 'boolean', value: 'false' },
    ...authDefaults(),
    ...meterDefaults(),
    { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', instance: 'GetVariables', mutability: ro, kind: 'integer', value: '16' },
    { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', instance: 'SetVariables', mutability: ro, kind: 'integer', value: '16' },
    {
      component: 'DeviceDataCtrlr',
      variable: 'BytesPerMessage',
      instance: 'GetVariables',
      mutability: ro,
      kind: 'integer',
      value: '65000',
    },
    {
      component: 'DeviceDataCtrlr',
      variable: 'BytesPerMessage',
      instance: 'SetVariables',
      mutability: ro,
      kind: 'integer',
      value: '65000',
    },
  ];
}

/** The authorization cache, master pass and invalid-token variables (blocks/authorization.ts, C10-C16, E05). */
function authDefaults(): VariableDef[] {
  const rw = 'ReadWrite' as const;
  return [
    // Seconds an entry stays valid after it was stored (C10); a cacheExpiryDateTime from the CSMS comes first.
    { component: 'AuthCacheCtrlr', variable: 'LifeTime', mutability: rw, kind: 'integer', value: '86400' },
    { component: 'AuthCacheCtrlr', variable: 'Policy', mutability: rw, kind: 'option', value: 'LRU', allowed: ['LRU', 'LFU', 'FIFO'] },
    { component: 'AuthCacheCtrlr', variable: 'Storage', mutability: 'ReadOnly', kind: 'integer', value: '8192' },
    // true: a cached token that is not Accepted is refused at once, without asking the CSMS (C10.FR.03, C12.FR.05).
    { component: 'AuthCacheCtrlr', variable: 'DisablePostAuthorize', mutability: rw, kind: 'boolean', value: 'false' },
    // The groupIdToken of master pass tokens: such a token stops transactions and never starts one (C16); empty: none.
    { component: 'AuthCtrlr', variable: 'MasterPassGroupId', mutability: rw, kind: 'string', value: '' },
    { component: 'AuthCtrlr', variable: 'DisableRemoteAuthorization', mutability: rw, kind: 'boolean', value: 'false' },
    { component: 'AuthCtrlr', variable: 'OfflineTxForUnknownIdEnabled', mutability: rw, kind: 'boolean', value: 'false' },
    // A transaction whose token the CSMS does not accept in a TransactionEventResponse ends (true) or stops charging (false).
    { component: 'TxCtrlr', variable: 'StopTxOnInvalidId', mutability: rw, kind: 'boolean', value: 'true' },
    { component: 'TxCtrlr', variable: 'MaxEnergyOnInvalidId', mutability: rw, kind: 'integer', value: '0' },
    // L01: whether idle EVSEs take new sessions while a firmware update waits for running transactions.
    { component: 'ChargingStation', variable: 'AllowNewSessionsPendingFWUpdate', mutability: rw, kind: 'boolean', value: 'false' },
  ];
}

export type Lookup = { kind: 'UnknownComponent' } | { kind: 'UnknownVariable' } | { kind: 'found'; def: VariableDef };

export interface ComponentRef {
  name: string;
  instance?: string;
  evse?: { id: number; connectorId?: number };
}

export interface VariableRef {
  name: string;
  instance?: string;
}

export class DeviceModel201 {
  private readonly vars: VariableDef[];

  constructor(evConnectionTimeOutS: number) {
    this.vars = defaults(evConnectionTimeOutS);
  }

  lookup(component: ComponentRef, variable: VariableRef): Lookup {
    const comp = this.vars.filter(
      (v) => v.component === component.name && v.componentInstance === component.instance && component.evse === undefined,
    );
    if (comp.length === 0) return { kind: 'UnknownComponent' };
    const def = comp.find((v) => v.variable === variable.name && v.instance === variable.instance);
    return def ? { kind: 'found', def } : { kind: 'UnknownVariable' };
  }

  /** Every variable, in model order (base reports). */
  entries(): readonly VariableDef[] {
    return this.vars;
  }

  private def(component: string, variable: string, instance?: string): VariableDef {
    const d = this.vars.find((v) => v.component === component && v.variable === variable && v.instance === instance);
    if (!d) throw new Error(`device model: no ${component}.${variable}`);
    return d;
  }

  get(component: string, variable: string, instance?: string): string {
    return this.def(component, variable, instance).value;
  }

  int(component: string, variable: string): number {
    return Number.parseInt(this.get(component, variable), 10) || 0;
  }

  bool(component: string, variable: string): boolean {
    return this.get(component, variable) === 'true';
  }

  list(component: string, variable: string): string[] {
    return this.get(component, variable)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** Internal update (e.g. the heartbeat interval from a BootNotificationResponse). */
  put(component: string, variable: string, value: string): void {
    this.def(component, variable).value = value;
  }

  /**
   * The start values of a configuration variant: `Component.Variable` (or `Component.Variable.Instance`)
   * -> value. A key the model lacks or a value it refuses is a broken variant, not a case's business.
   */
  configure(settings: Readonly<Record<string, string>>): void {
    for (const [key, value] of Object.entries(settings)) {
      const [component, variable, instance] = key.split('.');
      if (!component || !variable) continue;
      const d = this.def(component, variable, instance);
      if (!this.valid(d, value)) throw new Error(`device model: ${key} cannot be "${value}"`);
      d.value = value;
    }
  }

  /** Whether `value` is acceptable for the variable. */
  valid(def: VariableDef, value: string): boolean {
    switch (def.kind) {
      case 'integer':
        return /^\d{1,9}$/.test(value);
      case 'boolean':
        return value === 'true' || value === 'false';
      case 'option':
        return (def.allowed ?? []).includes(value);
      case 'password':
        // passwordString (A00.FR.205 errata): 16..40 characters of a restricted set.
        return PASSWORD_PATTERN.test(value);
      case 'string':
        return value.length <= 1000;
      case 'slotList':
        return /^\d{1,3}(,\d{1,3})*$/.test(value);
      case 'memberList': {
        const members = value.split(',').map((s) => s.trim());
        return members.length > 0 && members.every((m) => (def.allowed ?? []).includes(m));
      }
    }
  }
}
