import { CsmsServer, type HandshakeInfo } from '../src/transport/server.js';
import type { InboundFrame } from '../src/transport/connection.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { serializeCall, serializeResult } from '../src/protocol/framing.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import type { OcppVersion } from '../src/core/versions.js';
import type { ReferencePeer, StationPeerModule } from '../src/engine/peer-contract.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { createStation2, defineStation2Delta, station201 } from '../src/peers/station/v201/index.js';
import { station21 } from '../src/peers/station/v21/index.js';
import { testConfig } from './support.js';

const IDENTITY = 'CP-FAMILY';

/**
 * Starts `station` against a loopback mock CSMS of `version` that accepts its boot; resolves with
 * the handshake, the first frame and, when `probe` is given, the answer to that call sent after the boot.
 */
async function firstFrame(
  station: StationPeerModule,
  version: OcppVersion,
  probe?: { action: string; payload: object },
): Promise<{ handshake: HandshakeInfo; frame: InboundFrame; answer?: InboundFrame; schemas: SchemaRegistry }> {
  const schemas = new SchemaRegistry();
  const server = new CsmsServer({ host: '127.0.0.1', port: 0, version, identity: IDENTITY, monotonic: () => performance.now() });
  const seen = new Promise<{ handshake: HandshakeInfo; frame: InboundFrame; answer?: InboundFrame }>((resolve) => {
    server.onConnection((conn, handshake) => {
      let first: InboundFrame | undefined;
      conn.onFrame((frame) => {
        if (!first) {
          first = frame;
          if (frame.frame.kind === 'call')
            void conn.send(
              serializeResult(frame.frame.messageId, { currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
            );
          if (!probe) resolve({ handshake, frame });
          else void conn.send(serializeCall('probe-1', probe.action, probe.payload));
          return;
        }
        if (frame.frame.kind === 'call') void conn.send(serializeResult(frame.frame.messageId, {}));
        else if (frame.frame.messageId === 'probe-1') resolve({ handshake, frame: first, answer: frame });
      });
    });
  });
  await server.listen();
  let peer: ReferencePeer | undefined;
  try {
    peer = await station.start({
      version,
      validator: schemas.for(version),
      faults: new Set(),
      config: testConfig(),
      clock: systemClock,
      ids: counterIds('st'),
      target: server.url(),
      identity: IDENTITY,
    });
    return { ...(await seen), schemas };
  } finally {
    await peer?.stop();
    await server.close();
  }
}

describe('station family (2.0.1 / 2.1)', () => {
  it('the 2.1 station boots on subprotocol ocpp2.1 with a schema-valid 2.1 BootNotification', async () => {
    const { handshake, frame, schemas } = await firstFrame(station21, '2.1');
    expect(handshake.offered).toEqual(['ocpp2.1']);
    expect(handshake.selected).toBe('ocpp2.1');
    expect(frame.frame.kind).toBe('call');
    if (frame.frame.kind !== 'call') return;
    expect(frame.frame.action).toBe('BootNotification');
    const check = schemas.for('2.1').validate('BootNotification', 'request', frame.frame.payload);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
  });

  it('the registry serves the 2.1 station, with the family faults', () => {
    const registry = new PeerRegistry();
    expect(registry.station('2.1')).toBe(station21);
    expect(registry.station('2.0.1')).toBe(station201);
    expect(station21.faults.map((f) => f.name)).toEqual(station201.faults.map((f) => f.name));
  });

  it('a delta changes the boot payload, replaces a handler and adds its faults', async () => {
    const delta = defineStation2Delta({
      faults: { 'family-test-fault': { block: 'E', description: 'a fault only this delta has' } },
      bootPayload: (p) => ({ ...p, chargingStation: { ...p.chargingStation, model: 'DeltaStation' } }),
      handlers: {
        // Wraps the family's answer: the delta changes one field of it.
        GetTransactionStatus: async (st, p, { rpc, faults, base }) => ({
          ...(await base!(st, p, rpc)),
          messagesInQueue: !faults.has('family-test-fault'),
        }),
      },
    });
    const station = createStation2('2.0.1', delta);
    expect(station.faults.map((f) => f.name)).toContain('family-test-fault');
    expect(station.faults).toHaveLength(station201.faults.length + 1);
    expect(() => createStation2('2.1', { faults: { 'no-backoff': { block: 'DOS', description: 'again' } } })).toThrow(
      /redefines family faults no-backoff/,
    );
    const { handshake, frame, answer } = await firstFrame(station, '2.0.1', { action: 'GetTransactionStatus', payload: {} });
    expect(handshake.selected).toBe('ocpp2.0.1');
    expect(frame.frame.kind === 'call' && frame.frame.payload).toMatchObject({ chargingStation: { model: 'DeltaStation' } });
    expect(answer?.frame).toMatchObject({ kind: 'result', payload: { messagesInQueue: true } });
  });
});
