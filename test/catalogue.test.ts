import { describe, expect, it, beforeAll } from '@jest/globals';
import { loadCatalogue } from '../src/engine/catalogue.js';
import { missingKept21 } from '../src/engine/ocpp21-kept.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import type { CaseDefinition } from '../src/engine/case.js';
import { defaultStates } from '../src/wiring/states.js';

describe('the catalogue', () => {
  let cases: CaseDefinition[] = [];
  let problems: string[] = [];
  beforeAll(async () => {
    ({ cases, problems } = await loadCatalogue());
  });

  it('loads without problems: every file exports one case whose id is its file name, ids unique per version', () => {
    expect(problems).toEqual([]);
    // A 2.0.1 case that OCPP 2.1 keeps is listed once per version under its one OCTT id.
    expect(new Set(cases.map((c) => `${c.meta.ocpp}:${c.meta.id}`)).size).toBe(cases.length);
    const kept = cases.filter((c) => c.meta.ocpp === '2.1' && c.meta.tags.includes('kept-from-2.0.1'));
    expect(kept.length).toBeGreaterThan(100);
    expect(missingKept21(cases)).toEqual([]);
    for (const k of kept) expect(cases.find((c) => c.meta.ocpp === '2.0.1' && c.meta.id === k.meta.id)?.body).toBe(k.body);
  });

  it('has metadata a report can stand on', () => {
    const peers = new PeerRegistry();
    for (const { meta } of cases) {
      expect(meta.title.length).toBeGreaterThan(3);
      expect(meta.purpose.length).toBeGreaterThan(20);
      expect(meta.requirements.length).toBeGreaterThan(0);
      expect(meta.id.endsWith(meta.sut === 'cs' ? '_CS' : '_CSMS')).toBe(true);
      const role = meta.sut === 'cs' ? 'station' : 'csms';
      expect(peers.faults(meta.ocpp, role).map((f) => f.name)).toContain(meta.fault);
    }
  });

  it('meets the first-slice size: 25 per role in 2.0.1, 10 per role in 1.6, 70 in all', () => {
    const count = (ocpp: string, sut: string) => cases.filter((c) => c.meta.ocpp === ocpp && c.meta.sut === sut).length;
    expect(count('2.0.1', 'cs')).toBeGreaterThanOrEqual(25);
    expect(count('2.0.1', 'csms')).toBeGreaterThanOrEqual(25);
    expect(count('1.6', 'cs')).toBeGreaterThanOrEqual(10);
    expect(count('1.6', 'csms')).toBeGreaterThanOrEqual(10);
    expect(cases.length).toBeGreaterThanOrEqual(70);
  });

  it('every fault of a reference peer is described', () => {
    const peers = new PeerRegistry();
    for (const v of ['1.6', '2.0.1'] as const)
      for (const role of ['station', 'csms'] as const)
        for (const f of peers.faults(v, role)) {
          expect(f.name).toMatch(/^[a-z0-9-]+$/);
          expect(f.description.length).toBeGreaterThan(10);
        }
  });

  it('has a Booted state for each version and role', () => {
    const states = defaultStates();
    for (const v of ['1.6', '2.0.1'] as const)
      for (const sut of ['cs', 'csms'] as const) expect(states.get(v, sut, 'Booted')).toBeDefined();
  });
});

describe('case families', () => {
  it('loads every case a .family file yields, each under its own id', async () => {
    const { cases, problems } = await loadCatalogue(new URL('./fixtures/family-catalogue', import.meta.url).pathname);
    expect(problems).toEqual([]);
    expect(cases.map((c) => [c.meta.id, c.meta.title])).toEqual([
      ['TC_X_01_CS', 'single'],
      ['TC_X_02_CS', 'Hard reset'],
      ['TC_X_03_CS', 'Soft reset'],
    ]);
  });
});
