import { SchemaRegistry } from '../src/protocol/schemas.js';
import { REFERENCE_TIMEOUTS, parseConfig, type SutConfig } from '../src/core/config.js';
import { ReferenceLink, type SutLink } from '../src/engine/links.js';
import type { SessionResult } from '../src/engine/session.js';
import { runSession } from '../src/wiring/session.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { FEATURE_IDS } from '../src/core/features.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import type { CsmsPeerModule, StationPeerModule } from '../src/engine/peer-contract.js';
import type { CaseDefinition } from '../src/engine/case.js';
import type { CaseMeta } from '../src/core/meta.js';

export function testConfig(overrides: Partial<SutConfig['timeouts']> = {}, extra: Record<string, unknown> = {}): SutConfig {
  // Like a reference run, the test peers declare every optional feature unless a test says otherwise.
  const c = parseConfig({ stationId: 'CP-TEST', features: [...FEATURE_IDS], ...extra });
  c.timeouts = { ...REFERENCE_TIMEOUTS, ...overrides };
  return c;
}

/** Runs cases against the given peer modules (built-in, hostile or independent ones). */
export async function runAgainst(
  plan: CaseDefinition[],
  peers: { stations?: StationPeerModule[]; csmss?: CsmsPeerModule[] } = {},
  config: SutConfig = testConfig(),
  faultFor?: (d: CaseDefinition) => string | undefined,
): Promise<SessionResult> {
  const schemas = new SchemaRegistry();
  const registry = peers.stations || peers.csmss ? new PeerRegistry(peers.stations ?? [], peers.csmss ?? []) : new PeerRegistry();
  const link = new ReferenceLink({ config, peers: registry, schemas, clock: systemClock, ids: counterIds('msg') });
  return runSession({ plan, config, link, mode: 'reference', schemas, ids: counterIds('msg'), faultFor });
}

/** Runs cases as a real-SUT run would, over the given link (a real CSMS or station link). */
export function runOnLink(plan: CaseDefinition[], config: SutConfig, link: SutLink): Promise<SessionResult> {
  return runSession({ plan, config, link, mode: 'sut', schemas: new SchemaRegistry(), clock: systemClock, ids: counterIds('m') });
}

/** Metadata of a made-up 2.0.1 station case (reporter and log fixtures). */
export function fixtureMeta(id: string, overrides: Partial<CaseMeta> = {}): CaseMeta {
  return {
    id,
    title: id,
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    suite: 'conformance',
    requirements: ['B01.FR.01'],
    profiles: ['Core'],
    features: [],
    tags: [],
    purpose: 'a fixture case',
    fault: 'none',
    ...overrides,
  };
}
