/** Runs catalogue cases against the independent ocpp-rpc peers, several lanes at once. */
import { SchemaRegistry } from '../../src/protocol/schemas.js';
import type { SutConfig } from '../../src/core/config.js';
import { ReferenceLink } from '../../src/engine/links.js';
import type { SessionResult } from '../../src/engine/session.js';
import { runSession } from '../../src/wiring/session.js';
import { counterIds, systemClock } from '../../src/core/clock.js';
import { PeerRegistry } from '../../src/wiring/peer-registry.js';
import type { CsmsPeerModule, StationPeerModule } from '../../src/engine/peer-contract.js';
import type { CaseDefinition } from '../../src/engine/case.js';
import { testConfig } from '../support.js';
import { rpcCsms16 } from './csms16.js';
import { rpcCsms201 } from './csms201.js';
import { rpcStation16 } from './station16.js';
import { rpcStation201 } from './station201.js';

export const JUDGE_PEERS = {
  stations: [rpcStation16(), rpcStation201()],
  csmss: [rpcCsms16(), rpcCsms201()],
};

/** The run's config: station id and tokens unlike the reference runs' (CP001 / VALID-TOKEN-01 ...). */
export function judgeConfig(profile: 0 | 1 = 0): SutConfig {
  const token = (idToken: string) => ({ idToken, type: 'ISO14443' });
  return testConfig(
    {},
    {
      stationId: 'RPC-JUDGE-7',
      ...(profile === 1 ? { security: { profile: 1, basicAuthPassword: 'RpcJudge-Basic-0042' } } : {}),
      ids: {
        validIdToken: token('04A2B3C4D5E6F7'),
        invalidIdToken: token('DEADBEEF0001'),
        blockedIdToken: token('B10CCED00002'),
        expiredIdToken: token('0E0E0E0E0003'),
        validIdToken2: token('04A2B3C4D5E6F8'),
        groupIdToken: { idToken: 'RPC-GROUP', type: 'Central' },
        masterPassIdToken: token('4D4153544552'),
        masterPassGroupId: 'RPC-MASTERPASS',
        contractIdToken: { idToken: 'DEXYZC123456789', type: 'eMAID' },
        revokedContractIdToken: { idToken: 'DEXYZC987654321', type: 'eMAID' },
      },
    },
  );
}

export async function runJudged(
  plan: CaseDefinition[],
  peers: { stations: StationPeerModule[]; csmss: CsmsPeerModule[] },
  config: SutConfig,
  concurrency = 4,
): Promise<SessionResult> {
  const schemas = new SchemaRegistry();
  const link = new ReferenceLink({
    config,
    peers: new PeerRegistry(peers.stations, peers.csmss),
    schemas,
    clock: systemClock,
    ids: counterIds('msg'),
  });
  return runSession({ plan, config, link, mode: 'reference', schemas, ids: counterIds('msg'), concurrency });
}
