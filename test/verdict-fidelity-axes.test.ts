/**
 * Issue 9, classes 6, 11, 13 and the strictness axis: each behaviour with a peer that behaves like
 * the real SUT did.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mFamily from '../testcases/ocpp201/M/TC_M_12-13_CS.family.js';
import dos04 from '../testcases/security/ocpp201/DOS/SEC_DOS_04_CSMS.js';
import { defineCase } from '../src/engine/case.js';
import type { StationPeerModule } from '../src/engine/peer-contract.js';
import { DEFAULT_ORGANIZATION, parseConfig, strictnessOf } from '../src/core/config.js';
import { FEATURE_IDS, featureOfAction } from '../src/core/features.js';
import { findingSeverity } from '../src/core/findings.js';
import { FeatureRefusals } from '../src/engine/feature-refusals.js';
import { buildConfig } from '../src/cli/options.js';
import { initPki } from '../src/pki/index.js';
import { pkiDirFor } from '../src/engine/links.js';
import { buildJsonResults } from '../src/reporters/json.js';
import { renderJunit } from '../src/reporters/junit.js';
import { renderHtml } from '../src/reporters/html.js';
import { hostileStation } from './hostile-peers.js';
import { runAgainst, testConfig } from './support.js';

const fast = testConfig({ messageMs: 500, connectMs: 1000, caseMs: 8000 });
beforeAll(() => pkiDirFor(fast, true), 60_000);

/** A 1.6 station that boots with `serial` and answers every CALL of the CSMS with `answer`. */
function station16(serial: string, answer: (id: string, action: string) => string): StationPeerModule {
  return hostileStation((ws) => {
    ws.send(
      JSON.stringify([2, 'boot-1', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M', chargePointSerialNumber: serial }]),
    );
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as unknown[];
      if (f[0] === 2) ws.send(answer(String(f[1]), String(f[2])));
    });
  }, '1.6');
}

const notImplemented = (id: string) => JSON.stringify([4, id, 'NotImplemented', 'not supported here', {}]);

/** Boots the station, then asks it for a Heartbeat through TriggerMessage (1.6 Remote Trigger profile). */
const triggerCase = defineCase(
  {
    id: 'T_TRIGGER',
    title: 'trigger',
    ocpp: '1.6',
    sut: 'cs',
    block: 'T',
    requirements: ['OCPP16-5.17'],
    purpose: '',
    fault: 'x',
  },
  async (ctx) => {
    const boot = await ctx.csms.untyped.expectCall('BootNotification', { schema: false });
    await ctx.csms.untyped.reply(boot, { status: 'Accepted', currentTime: ctx.nowIso(), interval: 300 });
    await ctx.csms.untyped.call('TriggerMessage', { requestedMessage: 'Heartbeat' });
  },
);

describe('class 13: optional features gate cases', () => {
  it('a station answering NotImplemented for an undeclared feature makes the case not-applicable, naming it', async () => {
    const res = await runAgainst([triggerCase], { stations: [station16('SN1', notImplemented)] }, { ...fast, features: [] });
    expect(res.outcomes[0].result).toMatchObject({
      verdict: 'not-applicable',
      reason: expect.stringMatching(/TriggerMessage with CALLERROR NotImplemented.*RemoteTrigger/),
    });
  });

  it('the same answer for a declared feature stays a fail', async () => {
    const res = await runAgainst([triggerCase], { stations: [station16('SN1', notImplemented)] }, { ...fast, features: ['RemoteTrigger'] });
    expect(res.outcomes[0].result).toMatchObject({ verdict: 'fail', requirement: 'OCPP16-5.17' });
  });

  it('FeatureRefusals reads CALLERRORs and NotSupported statuses of the calls the harness sent', () => {
    const r = new FeatureRefusals('1.6', []);
    r.observe('out', JSON.stringify([2, 'a', 'InstallCertificate', {}]));
    r.observe('in', JSON.stringify([3, 'a', { status: 'NotSupported' }]));
    r.observe('out', JSON.stringify([2, 'b', 'Reset', { type: 'Hard' }]));
    r.observe('in', JSON.stringify([4, 'b', 'NotImplemented', '', {}]));
    // Reset is Core: its refusal names no feature.
    expect(r.refusals.map((x) => `${x.feature.id} ${x.answer}`)).toEqual(['Security.CertificateManagement status NotSupported']);
    const fail = { verdict: 'fail', requirement: 'R', expected: [], actual: '', message: '' } as const;
    expect(r.judge(fail).verdict).toBe('not-applicable');
    expect(r.judge({ verdict: 'pass' }).verdict).toBe('pass');
  });

  it('feature ids are checked in configs, reference runs declare them all, the catalogue names only known ones', () => {
    expect(() => parseConfig({ features: ['Reservaton'] })).toThrow(/features: unknown feature "Reservaton"/);
    expect(buildConfig({}, true).features).toEqual([...FEATURE_IDS]);
    expect(buildConfig({}, false).features).toEqual([]);
    expect(featureOfAction('2.0.1', 'SetNetworkProfile')?.id).toBe('NetworkProfiles');
    expect(featureOfAction('2.0.1', 'TriggerMessage')).toBeUndefined();
  });
});

describe('the strictness axis', () => {
  const m12 = mFamily.find((d) => d.meta.id === 'TC_M_12_CS')!;
  // The station reports the serial with the leading zero octet of its DER encoding (a real quirk).
  const quirky = () => 'hash-serial-leading-zero';

  it('certification (the default) fails a known interop quirk, naming the requirement and the quirk', async () => {
    const res = await runAgainst([m12], {}, fast, quirky);
    expect(strictnessOf(fast)).toBe('certification');
    expect(res.outcomes[0].result).toMatchObject({ verdict: 'fail', message: expect.stringContaining('known interop quirk') });
    expect(res.run.start?.strictness).toBe('certification');
  }, 30_000);

  it('lenient reports the quirk as pass-non-strict naming the relaxed requirement, and every report shows the mode', async () => {
    const lenient = { ...fast, strictness: 'lenient' as const };
    const res = await runAgainst([m12], {}, lenient, quirky);
    const result = res.outcomes[0].result;
    expect(result).toMatchObject({ verdict: 'pass-non-strict', relaxed: [m12.meta.requirements[0]] });
    expect(result.verdict === 'pass-non-strict' && result.notes.join(' ')).toMatch(/relaxed \(lenient run\)/);
    expect(res.run.start?.strictness).toBe('lenient');
    expect(buildJsonResults(res.run).strictness).toBe('lenient');
    expect(renderJunit(res.run)).toMatch(/name="strictness" value="lenient"/);
    expect(renderJunit(res.run)).toMatch(/relaxed \(lenient run\): /);
    expect(String(renderHtml(res.run))).toMatch(/Strictness[\s\S]*lenient/);
  }, 30_000);

  it('config and CLI: strictness is certification or lenient', () => {
    expect(parseConfig({ strictness: 'lenient' }).strictness).toBe('lenient');
    expect(() => parseConfig({ strictness: 'loose' })).toThrow(/strictness: must be one of/);
    expect(buildConfig({ strictness: 'Lenient' }, true).strictness).toBe('lenient');
    expect(() => buildConfig({ strictness: 'strict' }, true)).toThrow(/--strictness: "strict" is not certification or lenient/);
  });
});

describe('class 6: identity facts are learned from the wire', () => {
  const serialCase = defineCase(
    { id: 'T_SERIAL', title: 'serial', ocpp: '1.6', sut: 'cs', block: 'T', requirements: ['OCPP16-4.2'], purpose: '', fault: 'x' },
    async (ctx) => {
      const boot = await ctx.csms.untyped.expectCall('BootNotification', { schema: false });
      await ctx.csms.untyped.reply(boot, { status: 'Accepted', currentTime: ctx.nowIso(), interval: 300 });
      ctx.check(ctx.serialNumber === 'SN-ON-THE-WIRE', 'OCPP16-4.2', 'the serial from BootNotification', ctx.serialNumber);
    },
  );

  // A declared serial of its own makes the reference link build a PKI for it: seconds, not the case.
  it("the serial number is the station's BootNotification's, a mismatch with the declared one is noted", async () => {
    const config = { ...fast, security: { ...fast.security, serialNumber: 'SN-DECLARED' } };
    const res = await runAgainst([serialCase], { stations: [station16('SN-ON-THE-WIRE', notImplemented)] }, config);
    expect(res.outcomes[0].result.verdict).toBe('pass');
    const notes = res.run.cases[0].log.filter((l) => l.type === 'note').map((l) => l.text);
    expect(notes.some((t) => /reports serial number "SN-ON-THE-WIRE".*declares "SN-DECLARED"/.test(t))).toBe(true);
  }, 60_000);

  describe('organisation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-pki-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("a config without an organisation adopts the PKI's (certs init --org), so the harness accepts its own certificates", async () => {
      await initPki({ outDir: join(dir, 'certs'), stationSerial: 'CP001', org: 'ACME Charging', csmsHost: 'localhost', rsaBits: 2048 });
      const file = join(dir, 'sut.json');
      writeFileSync(file, JSON.stringify({ security: { profile: 3, certsDir: join(dir, 'certs') } }));
      expect(buildConfig({ config: file }, false).security.organization).toBe('ACME Charging');
      writeFileSync(file, JSON.stringify({ security: { profile: 3, certsDir: join(dir, 'certs'), organization: 'Declared' } }));
      expect(buildConfig({ config: file }, false).security.organization).toBe('Declared');
    }, 60_000);

    it('certs init and the config default to the same organisation', () => {
      expect(DEFAULT_ORGANIZATION).toBe('ocpp-harness test CSO');
    });
  });
});

describe('class 11: severity follows the requirement and the declared profile', () => {
  it('a SHOULD is at most low, a MUST takes the case severity, profile 0 caps authentication weaknesses', () => {
    expect(findingSeverity({ caseSeverity: 'critical', level: 'SHOULD' })).toBe('low');
    expect(findingSeverity({ caseSeverity: 'critical', level: 'MUST', cwe: 'CWE-287', securityProfile: 1 })).toBe('critical');
    expect(findingSeverity({ caseSeverity: 'critical', level: 'MUST', cwe: 'CWE-287', securityProfile: 0 })).toBe('medium');
    expect(findingSeverity({ level: 'MUST' })).toBe('medium');
  });

  it('a CSMS that accepts unknown stations at profile 0 gets a low policy finding, not a fail', async () => {
    const res = await runAgainst([dos04], {}, fast, () => 'unknown-identity-auto-accepted');
    const rec = res.run.cases[0];
    expect(rec.result).toMatchObject({ verdict: 'pass-non-strict' });
    expect(rec.findings).toEqual([expect.objectContaining({ severity: 'low', requirement: 'OCPPJ20-3.2' })]);
  }, 60_000);
});
