/**
 * An independent 1.6 charge point on ocpp-rpc (strict schema validation). Unlike our reference
 * charge point it has two connectors, does not authorize remote starts (AuthorizeRemoteTxRequests
 * false), samples meter values every 2 s, reports connector 0 last, and names itself vendor
 * "RpcWorks". Manual actions: plugIn, unplug, presentIdToken, reboot.
 */
import type { ActionOutcome, ManualAction } from '../../src/core/manual-actions.js';
import type { ReferencePeer, StationPeerModule, StationPeerOptions } from '../../src/engine/peer-contract.js';
import { createRPCError, dial, intOf, now, sleep, type Payload, type Rpc } from './common.js';
import { localList16, reservations16 } from './station16-more.js';

interface Connector {
  id: number;
  plugged: boolean;
  status: string;
  tx?: { id: number; idTag: string; meter?: NodeJS.Timeout };
  /** A remote start or local authorization waiting for the cable. */
  waiting?: string;
  inoperative?: boolean;
}

const KEYS: Record<string, { value: string; readonly?: boolean; kind?: 'int' | 'bool' }> = {
  AuthorizeRemoteTxRequests: { value: 'false', kind: 'bool' },
  ClockAlignedDataInterval: { value: '0', kind: 'int' },
  ConnectionTimeOut: { value: '30', kind: 'int' },
  ConnectorPhaseRotation: { value: 'NotApplicable' },
  GetConfigurationMaxKeys: { value: '50', readonly: true },
  HeartbeatInterval: { value: '60', kind: 'int' },
  LocalAuthorizeOffline: { value: 'false', kind: 'bool' },
  LocalPreAuthorize: { value: 'false', kind: 'bool' },
  MeterValuesAlignedData: { value: 'Energy.Active.Import.Register' },
  MeterValuesSampledData: { value: 'Energy.Active.Import.Register' },
  MeterValueSampleInterval: { value: '2', kind: 'int' },
  NumberOfConnectors: { value: '2', readonly: true },
  ResetRetries: { value: '1', kind: 'int' },
  StopTransactionOnEVSideDisconnect: { value: 'true', kind: 'bool' },
  StopTransactionOnInvalidId: { value: 'true', kind: 'bool' },
  StopTxnAlignedData: { value: '' },
  StopTxnSampledData: { value: '' },
  SupportedFeatureProfiles: { value: 'Core,RemoteTrigger', readonly: true },
  TransactionMessageAttempts: { value: '3', kind: 'int' },
  TransactionMessageRetryInterval: { value: '5', kind: 'int' },
  UnlockConnectorOnEVSideDisconnect: { value: 'true', kind: 'bool' },
};

export function rpcStation16(): StationPeerModule {
  return { version: '1.6', faults: [], start: (o) => startStation16(o) };
}

/** WebSocket readyState OPEN, as ocpp-rpc's client reports it in `state`. */
const WS_OPEN = 1;

async function startStation16(o: StationPeerOptions): Promise<ReferencePeer> {
  const keys = new Map(Object.entries(KEYS).map(([k, v]) => [k, { ...v }]));
  const connectors = [1, 2].map((id): Connector => ({ id, plugged: false, status: 'Available' }));
  let client: Rpc | undefined;
  let accepted = false;
  let stopped = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let energy = 1000;
  const cache = new Map<string, string>();

  const call = async (action: string, payload: Payload): Promise<Payload | undefined> => {
    try {
      return await client?.call(action, payload);
    } catch {
      return undefined; // the judge reports what reached the wire; a lost answer changes nothing here
    }
  };
  // Transaction-related messages (MeterValues of a transaction, StopTransaction) wait for the next open connection (OCPP 1.6 §3.6).
  const offlineQueue: [string, Payload][] = [];
  const txCall = async (action: string, payload: Payload): Promise<Payload | undefined> => {
    if (client?.state === WS_OPEN) return call(action, payload);
    offlineQueue.push([action, payload]);
    return undefined;
  };
  const flushOffline = async () => {
    for (const [action, payload] of offlineQueue.splice(0)) await call(action, payload);
    for (const c of [...changedOffline]) await status(c, c.status);
    changedOffline.clear();
  };
  // A connector status that changed while offline is reported once connected again.
  const changedOffline = new Set<Connector>();
  const status = (c: Connector | 0, s: string) => {
    if (c !== 0) c.status = s;
    if (c !== 0 && client?.state !== WS_OPEN) return changedOffline.add(c) && undefined;
    return call('StatusNotification', { connectorId: c === 0 ? 0 : c.id, errorCode: 'NoError', status: s, timestamp: now() });
  };
  const reservations = reservations16(connectors, status);
  const localList = localList16();
  const meterValue = () => [
    { timestamp: now(), sampledValue: [{ value: String((energy += 10)), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] },
  ];
  const authorize = async (idTag: string) => {
    const res = await call('Authorize', { idTag });
    const st = res?.idTagInfo?.status ?? 'Invalid';
    cache.set(idTag, st);
    return st === 'Accepted';
  };

  async function startTx(c: Connector, idTag: string) {
    c.waiting = undefined;
    const res = await call('StartTransaction', {
      connectorId: c.id,
      idTag,
      meterStart: energy,
      timestamp: now(),
      ...reservations.take(c.id, idTag),
    });
    if (!res) return;
    const tx: NonNullable<Connector['tx']> = { id: res.transactionId, idTag };
    c.tx = tx;
    if (res.idTagInfo?.status !== 'Accepted' && keys.get('StopTransactionOnInvalidId')?.value === 'true') {
      await stopTx(c, 'DeAuthorized');
      return;
    }
    await status(c, 'Charging');
    const every = Number(keys.get('MeterValueSampleInterval')?.value ?? '0');
    if (every > 0 && c.tx === tx) {
      tx.meter = setInterval(
        () => void txCall('MeterValues', { connectorId: c.id, transactionId: tx.id, meterValue: meterValue() }),
        every * 1000,
      );
    }
  }

  async function stopTx(c: Connector, reason: string, idTag?: string) {
    const tx = c.tx;
    if (!tx) return;
    clearInterval(tx.meter);
    c.tx = undefined;
    await txCall('StopTransaction', { transactionId: tx.id, meterStop: energy, timestamp: now(), reason, ...(idTag ? { idTag } : {}) });
    await status(c, c.plugged ? 'Finishing' : 'Available');
  }

  async function boot(reason: 'power' | 'trigger' = 'power') {
    for (;;) {
      const res = await call('BootNotification', { chargePointVendor: 'RpcWorks', chargePointModel: 'Judge-2', firmwareVersion: '0.9.1' });
      if (stopped || !res) return;
      if (res.status === 'Accepted') {
        accepted = true;
        if (reason === 'trigger') return;
        // An interval that is not a positive number of seconds is not applied.
        const hb = keys.get('HeartbeatInterval');
        if (hb && Number.isInteger(res.interval) && res.interval > 0) hb.value = String(res.interval);
        for (const c of connectors) await status(c, c.inoperative ? 'Unavailable' : c.status);
        await status(0, 'Available');
        const beat = () => {
          void call('Heartbeat', {});
          heartbeat = setTimeout(beat, Math.max(1, Number(keys.get('HeartbeatInterval')?.value)) * 1000);
        };
        clearTimeout(heartbeat);
        heartbeat = setTimeout(beat, Math.max(1, Number(keys.get('HeartbeatInterval')?.value)) * 1000);
        return;
      }
      // Pending / Rejected: ask again after the interval (OCPP 1.6 §4.2).
      await sleep(Math.max(1, res.interval || 1) * 1000);
    }
  }

  const seen = new Set<string>();
  function handlers(rpc: Rpc) {
    // A CALL replayed under a message id already handled is refused, never executed twice (OCPP-J 4.1.4).
    const c = {
      handle: (action: string, fn: (call: Payload) => unknown) =>
        rpc.handle(action, (call: Payload) => {
          if (seen.has(call.messageId)) throw createRPCError('GenericError', 'message id already used');
          seen.add(call.messageId);
          return fn(call);
        }),
    };
    c.handle('RemoteStartTransaction', ({ params }: Payload) => {
      const conn = connectors.find((x) => x.id === (params.connectorId ?? 1));
      if (!conn || conn.tx || conn.inoperative) return { status: 'Rejected' };
      setImmediate(() => {
        if (conn.plugged) void startTx(conn, params.idTag);
        else {
          conn.waiting = params.idTag;
          void status(conn, 'Preparing');
        }
      });
      return { status: 'Accepted' };
    });
    reservations.install(c);
    localList.install(c);
    c.handle('RemoteStopTransaction', ({ params }: Payload) => {
      const conn = connectors.find((x) => x.tx?.id === params.transactionId);
      if (!conn) return { status: 'Rejected' };
      setImmediate(() => void stopTx(conn, 'Remote'));
      return { status: 'Accepted' };
    });
    c.handle('Reset', ({ params }: Payload) => {
      setImmediate(() => void reset(params.type === 'Hard' ? 'HardReset' : 'SoftReset'));
      return { status: 'Accepted' };
    });
    c.handle('UnlockConnector', ({ params }: Payload) => {
      const conn = connectors.find((x) => x.id === params.connectorId);
      if (!conn) return { status: 'NotSupported' };
      if (conn.tx) setImmediate(() => void stopTx(conn, 'UnlockCommand'));
      return { status: 'Unlocked' };
    });
    c.handle('GetConfiguration', ({ params }: Payload) => {
      const asked: string[] | undefined = params.key?.length ? params.key : undefined;
      const names = asked ?? [...keys.keys()];
      return {
        configurationKey: names
          .filter((k) => keys.has(k))
          .map((k) => ({ key: k, readonly: !!keys.get(k)?.readonly, value: keys.get(k)?.value })),
        ...(asked && asked.some((k) => !keys.has(k)) ? { unknownKey: asked.filter((k) => !keys.has(k)) } : {}),
      };
    });
    c.handle('ChangeConfiguration', ({ params }: Payload) => {
      if (params.key === 'AuthorizationKey') {
        // Whitepaper: 16 to 20 bytes, hex-encoded; write-only; the charge point reconnects with it.
        if (!/^(?:[0-9a-fA-F]{2}){16,20}$/.test(params.value)) return { status: 'Rejected' };
        if (password !== undefined) setImmediate(() => void redial(params.value));
        return { status: 'Accepted' };
      }
      const k = keys.get(params.key);
      if (!k) return { status: 'NotSupported' };
      if (k.readonly) return { status: 'Rejected' };
      if (k.kind === 'int' && !/^\d{1,9}$/.test(params.value)) return { status: 'Rejected' };
      if (k.kind === 'bool' && !/^(true|false)$/i.test(params.value)) return { status: 'Rejected' };
      k.value = params.value;
      return { status: 'Accepted' };
    });
    c.handle('ChangeAvailability', ({ params }: Payload) => {
      const targets = params.connectorId === 0 ? connectors : connectors.filter((x) => x.id === params.connectorId);
      if (!targets.length) return { status: 'Rejected' };
      const busy = targets.some((x) => x.tx);
      for (const t of targets) t.inoperative = params.type === 'Inoperative';
      if (!busy) setImmediate(() => targets.forEach((t) => void status(t, t.inoperative ? 'Unavailable' : 'Available')));
      return { status: busy ? 'Scheduled' : 'Accepted' };
    });
    c.handle('ClearCache', () => (cache.clear(), { status: 'Accepted' }));
    c.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
    c.handle('TriggerMessage', ({ params }: Payload) => {
      const conn = connectors.find((x) => x.id === params.connectorId);
      if (params.connectorId !== undefined && params.connectorId !== 0 && !conn) return { status: 'Rejected' };
      const send: Record<string, () => unknown> = {
        BootNotification: () => boot('trigger'),
        Heartbeat: () => call('Heartbeat', {}),
        StatusNotification: () => (conn ? status(conn, conn.status) : Promise.all(connectors.map((x) => status(x, x.status)))),
        MeterValues: () =>
          Promise.all((conn ? [conn] : connectors).map((x) => call('MeterValues', { connectorId: x.id, meterValue: meterValue() }))),
        DiagnosticsStatusNotification: () => call('DiagnosticsStatusNotification', { status: 'Idle' }),
        FirmwareStatusNotification: () => call('FirmwareStatusNotification', { status: 'Idle' }),
      };
      const go = send[params.requestedMessage];
      if (!go) return { status: 'NotImplemented' };
      setImmediate(() => void go());
      return { status: 'Accepted' };
    });
  }

  async function reset(reason: 'HardReset' | 'SoftReset') {
    for (const c of connectors) if (c.tx) await stopTx(c, reason);
    await powerCycle();
  }

  async function powerCycle() {
    clearTimeout(heartbeat);
    accepted = false;
    booted = false;
    const old = client;
    client = undefined;
    await old?.close({ code: 1000, force: true }).catch(() => undefined);
    for (const c of connectors) {
      if (c.tx) clearInterval(c.tx.meter);
      c.tx = undefined;
      c.waiting = undefined;
      c.status = c.inoperative ? 'Unavailable' : c.plugged ? 'Preparing' : 'Available';
    }
    await sleep(200);
    if (!stopped) await connect();
  }

  let password = o.basicAuthPassword;
  async function redial(next: string) {
    password = next;
    const old = client;
    client = undefined;
    await old?.close({ code: 1000 }).catch(() => undefined);
    if (!stopped) await connect();
  }

  let booted = false;
  async function connect(): Promise<void> {
    const c = dial(o, 'ocpp1.6', password);
    handlers(c);
    client = c;
    // A lost connection is dialled again after a pause; a reconnect is not a reboot (no new boot).
    c.on('close', () => {
      if (client !== c || stopped) return;
      client = undefined;
      setTimeout(() => void (stopped || client ? undefined : connect()), 1000);
    });
    try {
      await c.connect();
    } catch {
      return;
    }
    if (booted && accepted) return flushOffline();
    booted = true;
    void boot();
  }

  async function perform(action: ManualAction): Promise<ActionOutcome> {
    const p = action.params;
    const conn = connectors.find((x) => x.id === (intOf(p.connectorId) ?? intOf(p.evseId) ?? 1));
    switch (action.action) {
      case 'plugIn':
        if (!conn) return { done: false, reason: 'no such connector' };
        conn.plugged = true;
        void (async () => {
          if (!conn.waiting) await status(conn, 'Preparing');
          if (conn.waiting) await startTx(conn, conn.waiting);
        })();
        return { done: true };
      case 'unplug':
        if (!conn) return { done: false, reason: 'no such connector' };
        conn.plugged = false;
        void (async () => {
          if (conn.tx && keys.get('StopTransactionOnEVSideDisconnect')?.value === 'true') await stopTx(conn, 'EVDisconnected');
          else if (!conn.tx) await status(conn, 'Available');
        })();
        return { done: true };
      case 'presentIdToken': {
        const idTag = String(p.idToken ?? p.idTag ?? '');
        if (!idTag) return { done: false, reason: 'presentIdToken needs an idToken' };
        void (async () => {
          const running = connectors.find((x) => x.tx?.idTag === idTag);
          if (running) return stopTx(running, 'Local', idTag);
          if (!(await authorize(idTag))) return;
          const target = connectors.find((x) => x.plugged && !x.tx && !x.inoperative) ?? connectors.find((x) => !x.tx && !x.inoperative);
          if (!target) return;
          if (target.plugged) await startTx(target, idTag);
          else target.waiting = idTag;
        })();
        return { done: true };
      }
      case 'reboot':
        void powerCycle();
        return { done: true };
      default:
        return { done: false, reason: `the ocpp-rpc charge point cannot perform "${action.action}"` };
    }
  }

  void connect();
  return {
    perform,
    stop: async () => {
      stopped = true;
      clearTimeout(heartbeat);
      for (const c of connectors) clearInterval(c.tx?.meter);
      await client?.close({ code: 1000, force: true }).catch(() => undefined);
    },
  };
}
