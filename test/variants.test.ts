/**
 * Configuration variants in selfcheck (issue 9): each reference peer is proven in several
 * conformant configurations; a case that assumes one configuration is reported for the variant
 * that breaks it, and a case that sets what it relies on (withVariables201) passes on all.
 */
import { describe, expect, it } from '@jest/globals';
import { defineCase } from '../src/dsl.js';
import { answer, validToken } from '../src/kit/index.js';
import caseE03 from '../testcases/ocpp201/E/TC_E_03_CS.js';
import { station201 } from '../src/peers/station/v201/index.js';
import { csms201 } from '../src/peers/csms/v201/index.js';
import type { PeerVariant, StationPeerModule } from '../src/engine/peer-contract.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { DEFAULT_VARIANT, judgeVariant, selfcheck, selfcheckClean, variantRuns } from '../src/wiring/selfcheck.js';
import type { CaseOutcome } from '../src/engine/runner.js';
import type { CaseDefinition } from '../src/engine/case.js';
import { counterIds } from '../src/core/clock.js';
import { testConfig } from './support.js';

const evConnected: PeerVariant = {
  name: 'tx-evconnected',
  description: 'TxStartPoint EVConnected',
  settings: { 'TxCtrlr.TxStartPoint': 'EVConnected' },
  affects: { cases: ['TC_E_*', 'T_NAIVE'] },
};

/** A case that takes the default TxStartPoint (PowerPathClosed) for granted instead of setting it. */
const naive = defineCase(
  {
    id: 'T_NAIVE',
    title: 'Started after authorization, TxStartPoint assumed',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    requirements: ['E02.FR.01', 'E02.FR.02', 'C01.FR.01', 'G01.FR.01'],
    purpose: 'test',
    fault: 'tx-started-no-idtoken',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    await ctx.manual('plugIn', { evseId: config.ids.evseId, connectorId: config.ids.connectorId }, 'plug in');
    await ctx.manual('presentIdToken', { ...validToken(config), evseId: config.ids.evseId }, 'present');
    const auth = await csms.expectCall('Authorize', { requirement: 'C01.FR.01' });
    await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });
    const started = await csms.expectCall('TransactionEvent', { where: (p) => p.eventType === 'Started', requirement: 'E02.FR.01' });
    ctx.check(started.payload.idToken?.idToken === validToken(config).idToken, 'E02.FR.02', 'idToken in Started', started.payload.idToken);
  },
);

const withVariants = (variants: PeerVariant[]): StationPeerModule => ({ ...station201, variants });

const outcome = (def: CaseDefinition, result: CaseOutcome['result']): CaseOutcome => ({ def, runKey: def.meta.id, result });

describe('configuration variants', () => {
  it('selects per peer the cases each variant declares it can affect', () => {
    const registry = new PeerRegistry([withVariants([evConnected])], [csms201]);
    const runs = variantRuns([caseE03, naive], registry);
    expect(runs.map((r) => [r.peer, r.variant.name, r.plan.map((d) => d.meta.id)])).toEqual([
      ['station 2.0.1', 'tx-evconnected', ['TC_E_03_CS', 'T_NAIVE']],
    ]);
    expect(variantRuns([caseE03], registry, 'none')).toEqual([]);
    expect(variantRuns([caseE03], registry, ['other'])).toEqual([]);
  });

  it('counts not-applicable only on an extra variant, and only when the fault run agrees', () => {
    const na = { verdict: 'not-applicable' as const, reason: 'TxStartPoint cannot be set' };
    const fail = { verdict: 'fail' as const, requirement: 'E02.FR.02', expected: [], actual: '', message: 'm' };
    const extra = judgeVariant('station 2.0.1', 'v', [outcome(naive, na)], [outcome(naive, na)]);
    expect(extra).toMatchObject({ cases: 1, passOnReference: 0, failOnFault: 0, notApplicable: [{ id: 'T_NAIVE', reason: na.reason }] });
    expect(extra.problems).toEqual([]);
    expect(selfcheckClean({ ...extra, notApplicable: extra.notApplicable.length })).toBe(true);
    const mixed = judgeVariant('station 2.0.1', 'v', [outcome(naive, na)], [outcome(naive, fail)]);
    expect(mixed.problems).toEqual([expect.stringContaining('[station 2.0.1 / v] T_NAIVE: not-applicable on the reference peer but fail')]);
    const onDefault = judgeVariant('station 2.0.1', DEFAULT_VARIANT, [outcome(naive, na)], [outcome(naive, fail)]);
    expect(onDefault.problems).toEqual([expect.stringContaining('T_NAIVE: expected pass on the reference peer, got not-applicable')]);
  });

  it('reports a case that assumes the default configuration for the variant that breaks it', async () => {
    const sent: { runKey: string; text: string }[] = [];
    const report = await selfcheck({
      plan: [caseE03, naive],
      config: testConfig({ messageMs: 800 }),
      concurrency: 2,
      peers: new PeerRegistry([withVariants([evConnected])], [csms201]),
      ids: counterIds('v'),
      listeners: [(e) => e.type === 'wire' && e.dir === 'out' && sent.push({ runKey: e.runKey, text: e.text })],
    });
    const row = (variant: string) => report.variants.find((v) => v.variant === variant);
    expect(row(DEFAULT_VARIANT)).toMatchObject({ peer: 'station 2.0.1', cases: 2, passOnReference: 2, failOnFault: 2, problems: [] });
    // TC_E_03_CS sets TxStartPoint itself and restores it: it passes in the variant too; the naive case does not.
    expect(row('tx-evconnected')).toMatchObject({ cases: 2, passOnReference: 1, failOnFault: 2 });
    expect(row('tx-evconnected')?.problems).toEqual([
      expect.stringMatching(/^\[station 2\.0\.1 \/ tx-evconnected\] T_NAIVE: expected pass on the reference peer, got fail/),
    ]);
    expect(selfcheckClean(report)).toBe(false);
    // The case set TxStartPoint for itself and put the station's value back afterwards.
    const setVariables = sent
      .filter((f) => f.runKey.startsWith('reference:station 2.0.1/tx-evconnected:') && f.text.includes('"SetVariables"'))
      .map((f) => /"attributeValue":"([^"]*)"/.exec(f.text)?.[1]);
    expect(setVariables).toEqual(['PowerPathClosed', 'EVConnected']);
  }, 60_000);
});
