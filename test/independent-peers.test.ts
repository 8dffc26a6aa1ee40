/**
 * Our reference peers must not be the only judge: these peers are built on ocpp-rpc, an
 * independent OCPP-J implementation with its own framing and strict schema validation.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import { createRequire } from 'node:module';
import type { CsmsPeerModule, StationPeerModule, ReferenceCsms, ReferencePeer } from '../src/engine/peer-contract.js';
import type { OcppVersion } from '../src/core/versions.js';
import { loadCatalogue } from '../src/engine/catalogue.js';
import type { CaseDefinition } from '../src/engine/case.js';
import { runAgainst, testConfig } from './support.js';

const require = createRequire(import.meta.url);
const { RPCServer, RPCClient } = require('ocpp-rpc') as { RPCServer: any; RPCClient: any };

const now = () => new Date().toISOString();

function rpcCsms(version: OcppVersion): CsmsPeerModule {
  return {
    version,
    faults: [],
    async start(o): Promise<ReferenceCsms> {
      const server = new RPCServer({ protocols: [`ocpp${version}`], strictMode: true });
      server.on('client', (client: any) => {
        client.handle('BootNotification', () => ({
          status: 'Accepted',
          currentTime: now(),
          interval: o.config.timeouts.heartbeatIntervalS,
        }));
        client.handle('Heartbeat', () => ({ currentTime: now() }));
        client.handle('StatusNotification', () => ({}));
        client.handle('Authorize', ({ params }: any) =>
          version === '1.6'
            ? { idTagInfo: { status: params.idTag === o.config.ids.validIdToken.idToken ? 'Accepted' : 'Invalid' } }
            : { idTokenInfo: { status: params.idToken.idToken === o.config.ids.validIdToken.idToken ? 'Accepted' : 'Invalid' } },
        );
      });
      const http = await server.listen(0, '127.0.0.1');
      const port = http.address().port;
      return {
        url: `ws://127.0.0.1:${port}`,
        perform: async () => ({ done: false, reason: 'not supported by the ocpp-rpc peer' }),
        stop: async () => server.close({ force: true }),
      };
    },
  };
}

function rpcStation(version: OcppVersion): StationPeerModule {
  return {
    version,
    faults: [],
    async start(o): Promise<ReferencePeer> {
      const client = new RPCClient({
        endpoint: o.target,
        identity: o.identity,
        protocols: [`ocpp${version}`],
        strictMode: true,
        reconnect: false,
      });
      client.on('error', () => undefined);
      const timers: NodeJS.Timeout[] = [];
      void (async () => {
        try {
          await client.connect();
          const boot =
            version === '1.6'
              ? await client.call('BootNotification', { chargePointVendor: 'rpc', chargePointModel: 'rpc' })
              : await client.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'rpc', model: 'rpc' } });
          if (boot.status !== 'Accepted') return;
          if (version === '1.6') {
            await client.call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' });
            await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
          } else {
            await client.call('StatusNotification', { timestamp: now(), connectorStatus: 'Available', evseId: 1, connectorId: 1 });
          }
          const beat = () => {
            client.call('Heartbeat', {}).catch(() => undefined);
            timers.push(setTimeout(beat, boot.interval * 1000));
          };
          timers.push(setTimeout(beat, boot.interval * 1000));
        } catch {
          // The case judges what reached the wire; a failed call here needs no handling.
        }
      })();
      return {
        perform: async () => ({ done: false, reason: 'not supported by the ocpp-rpc peer' }),
        stop: async () => {
          timers.forEach(clearTimeout);
          await client.close({ force: true });
        },
      };
    },
  };
}

/** Cases whose scenario the small ocpp-rpc peers can play (boot, status, heartbeat, authorize). */
const SUBSET = ['TC_B_01_CS', 'TC_B_01_CSMS', 'TC_001_CS', 'TC_001_CSMS'];

describe('cases against independent ocpp-rpc peers (strict mode)', () => {
  let cases: CaseDefinition[] = [];
  beforeAll(async () => {
    cases = (await loadCatalogue()).cases.filter((c) => SUBSET.includes(c.meta.id));
  });

  it('finds the subset in the catalogue', () => {
    expect(cases.map((c) => c.meta.id).sort()).toEqual(expect.arrayContaining(['TC_B_01_CS', 'TC_B_01_CSMS']));
  });

  for (const id of SUBSET) {
    it(`${id} passes against an ocpp-rpc peer`, async () => {
      const def = cases.find((c) => c.meta.id === id);
      if (!def) return; // the 1.6 cases arrive with the 1.6 catalogue
      const v = def.meta.ocpp;
      const res = await runAgainst([def], { stations: [rpcStation(v)], csmss: [rpcCsms(v)] }, testConfig());
      expect(res.outcomes[0].result).toEqual({ verdict: 'pass' });
    });
  }
});
