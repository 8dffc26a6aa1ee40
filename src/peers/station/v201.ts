import type WebSocket from 'ws';
import type { ActionOutcome, ManualAction } from '../../engine/adapter.js';
import { dialAsStation, RpcPeer, type Payload } from '../rpc.js';
import type { FaultInfo, ReferencePeer, StationPeerModule, StationPeerOptions } from '../types.js';

/** Faults of the 2.0.1 reference station: each breaks exactly one behaviour. */
export const STATION_201_FAULTS: FaultInfo[] = [
  { name: 'boot-invalid-reason', description: 'BootNotification carries reason "Booted", which is not a BootReasonEnumType value' },
];

/**
 * The 2.0.1 reference charging station: conformant for the catalogue's use cases, driven by its
 * config and state only. Manual actions (plug in, present token, reboot) arrive via perform().
 */
export class ReferenceStation201 implements ReferencePeer {
  private rpc: RpcPeer | undefined;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly o: StationPeerOptions) {}

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    let ws: WebSocket;
    try {
      ws = await dialAsStation({ target: this.o.target, identity: this.o.identity, version: this.o.version, basicAuthPassword: this.o.basicAuthPassword, timeoutMs: this.o.config.timeouts.connectMs });
    } catch (err) {
      this.o.log?.(`connect failed: ${(err as Error).message}`);
      this.later(500, () => void this.connect());
      return;
    }
    const rpc = new RpcPeer(ws, { version: this.o.version, validator: this.o.validator, ids: this.o.ids, callTimeoutMs: this.o.config.timeouts.messageMs * 5 });
    this.rpc = rpc;
    this.installHandlers(rpc);
    rpc.onClose(() => {
      if (this.rpc === rpc) this.rpc = undefined;
    });
    void this.boot(rpc, 'PowerUp');
  }

  private installHandlers(_rpc: RpcPeer): void {
    // Handlers for CSMS-initiated messages are added per use case.
  }

  private async boot(rpc: RpcPeer, reason: string): Promise<void> {
    let res: Payload;
    try {
      res = await rpc.call('BootNotification', {
        reason: this.fault('boot-invalid-reason') ? 'Booted' : reason,
        chargingStation: { model: 'RefStation', vendorName: 'ocpp-harness' },
      });
    } catch (err) {
      this.o.log?.(`boot failed: ${(err as Error).message}`);
      return;
    }
    if (res.status === 'Accepted') {
      await this.afterAccepted(rpc, res.interval as number);
    } else {
      this.later(Math.max(1, res.interval as number) * 1000, () => void this.boot(rpc, reason));
    }
  }

  private async afterAccepted(rpc: RpcPeer, intervalS: number): Promise<void> {
    try {
      await rpc.call('StatusNotification', { timestamp: new Date(this.o.clock.now()).toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1 });
    } catch {
      return;
    }
    const beat = () => {
      if (this.rpc !== rpc || rpc.closed) return;
      rpc.call('Heartbeat', {}).catch(() => undefined);
      this.later(Math.max(1, intervalS) * 1000, beat);
    };
    this.later(Math.max(1, intervalS) * 1000, beat);
  }

  async perform(action: ManualAction): Promise<ActionOutcome> {
    return { done: false, reason: `the reference station cannot perform "${action.action}"` };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.rpc?.close();
  }
}

export const station201: StationPeerModule = {
  version: '2.0.1',
  faults: STATION_201_FAULTS,
  async start(opts) {
    const s = new ReferenceStation201(opts);
    await s.start();
    return s;
  },
};
