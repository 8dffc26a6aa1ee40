import type { OcppVersion } from '../core/versions.js';
import type { SchemaValidator } from '../protocol/schemas.js';
import type { OcppConnection } from '../transport/connection.js';
import { dialCsms, stationUrl } from '../transport/client.js';
import { CsmsServer } from '../transport/server.js';
import type { SutConfig } from '../core/config.js';
import type { Clock, IdSource } from '../core/clock.js';

import type { ReferencePeer, ReferencePeerSource } from '../engine/peer-contract.js';
import type { FuzzTarget } from './driver.js';

const monotonic = () => performance.now();

/** Connections a reference CSMS is fuzzed on at most, each as its own registered identity. */
const REFERENCE_LANES = 8;

/**
 * A CSMS the fuzzer dials as the configured station, a new connection each time; with more
 * identities (the config's extraStationIds) it can hold one connection per identity at once.
 */
export function csmsTarget(o: {
  url: string;
  identity: string;
  extraIdentities?: string[];
  version: OcppVersion;
  password?: string;
  connectMs: number;
}): FuzzTarget {
  let n = 0;
  const identities = [o.identity, ...(o.extraIdentities ?? [])];
  return {
    sut: 'csms',
    lanes: identities.length,
    replayUrl: stationUrl(o.url, o.identity),
    async connect(lane = 0) {
      const r = await dialCsms({
        target: o.url,
        identity: identities[lane % identities.length],
        compress: false,
        version: o.version,
        basicAuthPassword: o.password,
        timeoutMs: o.connectMs,
        label: `fuzz#${++n}`,
        monotonic,
      });
      return r.ok ? r.conn : undefined;
    },
    async close() {},
  };
}

/** A station that connects to the fuzzer's listener; each connect() waits for its next connection. */
export function stationTarget(o: { server: CsmsServer; connectMs: number; onClose?: () => Promise<void> }): FuzzTarget {
  const pending: OcppConnection[] = [];
  let wake: (() => void) | undefined;
  o.server.onConnection((c) => {
    pending.push(c);
    wake?.();
  });
  return {
    sut: 'cs',
    async connect() {
      const deadline = Date.now() + o.connectMs;
      for (;;) {
        // The newest open connection; older ones were replaced by the station's reconnect.
        while (pending.length > 1) pending.shift()?.drop();
        const c = pending.shift();
        if (c && c.isOpen) return c;
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          wake = () => {
            clearTimeout(t);
            r();
          };
        });
      }
    },
    async close() {
      await o.onClose?.();
      await o.server.close();
    },
  };
}

export interface ReferenceFuzzOptions {
  sut: 'cs' | 'csms';
  version: OcppVersion;
  fault?: string;
  config: SutConfig;
  peers: ReferencePeerSource;
  validator: SchemaValidator;
  clock: Clock;
  ids: IdSource;
}

/** A built-in reference peer (optionally faulted) on loopback, restarted after each crash. */
export async function referenceTarget(o: ReferenceFuzzOptions): Promise<FuzzTarget> {
  const common = {
    version: o.version,
    validator: o.validator,
    faults: new Set(o.fault ? [o.fault] : []),
    config: o.config,
    clock: o.clock,
    ids: o.ids,
  };
  const identity = o.config.stationId;
  if (o.sut === 'csms') {
    let peer = await o.peers.csms(o.version).start({ ...common, host: '127.0.0.1', port: 0 });
    let n = 0;
    // Lane identities beyond the configured one are registered with the (re)started CSMS on first use.
    let registered = new Set<number>([0]);
    const laneIdentity = (lane: number) => (lane === 0 ? identity : `${identity}-F${lane}`);
    return {
      sut: 'csms',
      lanes: REFERENCE_LANES,
      async connect(lane = 0) {
        if (!registered.has(lane)) {
          const done = await peer.perform({
            action: 'csmsRegisterStation',
            params: { stationId: laneIdentity(lane), bootStatus: 'Accepted' },
            instruction: `register station ${laneIdentity(lane)}`,
            caseId: 'fuzz',
          });
          if (!done.done) return undefined;
          registered.add(lane);
        }
        const r = await dialCsms({
          target: peer.url,
          identity: laneIdentity(lane),
          compress: false,
          version: o.version,
          timeoutMs: o.config.timeouts.connectMs,
          label: `fuzz#${++n}`,
          monotonic,
        });
        return r.ok ? r.conn : undefined;
      },
      async restart() {
        await peer.stop();
        peer = await o.peers.csms(o.version).start({ ...common, host: '127.0.0.1', port: 0 });
        registered = new Set<number>([0]);
      },
      async close() {
        await peer.stop();
      },
    };
  }
  const server = new CsmsServer({ host: '127.0.0.1', port: 0, version: o.version, identity, monotonic });
  await server.listen();
  // Listen for the station's connections before it starts dialling.
  let station: ReferencePeer | undefined;
  const t = stationTarget({ server, connectMs: o.config.timeouts.connectMs, onClose: async () => station?.stop() });
  station = await o.peers.station(o.version).start({ ...common, target: server.url(), identity });
  return {
    ...t,
    async restart() {
      await station?.stop();
      station = await o.peers.station(o.version).start({ ...common, target: server.url(), identity });
    },
  };
}

export { isLoopbackHost } from '../transport/loopback.js';
