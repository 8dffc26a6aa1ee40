import type { ActionOutcome, ManualAction } from '../../engine/adapter.js';
import { ReferenceListener, RpcPeer, type Payload } from '../rpc.js';
import type { CsmsPeerModule, CsmsPeerOptions, FaultInfo, ReferenceCsms } from '../types.js';

/** Faults of the 2.0.1 reference CSMS: each breaks exactly one behaviour. */
export const CSMS_201_FAULTS: FaultInfo[] = [
  { name: 'boot-no-interval', description: 'BootNotificationResponse omits the required interval field' },
];

interface StationSession {
  identity: string;
  rpc: RpcPeer;
}

/**
 * The 2.0.1 reference CSMS: accepts the configured station, authorizes the configured tokens,
 * and sends operator-initiated messages when asked through perform().
 */
export class ReferenceCsms201 implements ReferenceCsms {
  private listener: ReferenceListener;
  private readonly sessions = new Map<string, StationSession>();
  url = '';

  constructor(private readonly o: CsmsPeerOptions) {
    this.listener = new ReferenceListener(
      { host: o.host, port: o.port, version: o.version, passwords: () => o.basicAuthPassword },
      ({ ws, identity }) => {
        const rpc = new RpcPeer(ws, { version: o.version, validator: o.validator, ids: o.ids, callTimeoutMs: o.config.timeouts.messageMs * 5 });
        const session = { identity, rpc };
        this.sessions.set(identity, session);
        rpc.onClose(() => {
          if (this.sessions.get(identity) === session) this.sessions.delete(identity);
        });
        this.installHandlers(session);
      },
    );
  }

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  async start(): Promise<void> {
    this.url = await this.listener.listen();
  }

  private installHandlers(s: StationSession): void {
    const now = () => new Date(this.o.clock.now()).toISOString();
    s.rpc.handle('BootNotification', (): Payload => {
      const res: Payload = { status: 'Accepted', currentTime: now(), interval: this.o.config.timeouts.heartbeatIntervalS };
      if (this.fault('boot-no-interval')) delete res.interval;
      return res;
    });
    s.rpc.handle('Heartbeat', () => ({ currentTime: now() }));
    s.rpc.handle('StatusNotification', () => ({}));
  }

  async perform(action: ManualAction): Promise<ActionOutcome> {
    return { done: false, reason: `the reference CSMS cannot perform "${action.action}"` };
  }

  async stop(): Promise<void> {
    for (const s of this.sessions.values()) s.rpc.close();
    await this.listener.close();
  }
}

export const csms201: CsmsPeerModule = {
  version: '2.0.1',
  faults: CSMS_201_FAULTS,
  async start(opts) {
    const c = new ReferenceCsms201(opts);
    await c.start();
    return c;
  },
};
