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

export async function runJudged(
  plan: CaseDefinition[],
  peers: { stations: StationPeerModule[]; csmss: CsmsPeerModule[] },
  config: SutConfig,
  concurrency = 4,
): Promise<SessionResult> {
  const schemas = new SchemaRegistry();
  const link = new ReferenceLink({ config, peers: new PeerRegistry(peers.stations, peers.csmss), schemas, clock: systemClock, ids: counterIds('msg') });
  return runSession({ plan, config, link, mode: 'reference', schemas, ids: counterIds('msg'), concurrency });
}
