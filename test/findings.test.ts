import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Finding, findingId, makeFinding, mergeFindings, replayCommand, shellQuote } from '../src/core/findings.js';
import { sarifLevel, securitySeverity, toSarif, writeFindings } from '../src/reporters/sarif.js';
import { SchemaValidator } from '../src/protocol/schemas.js';
import { generateValid } from '../src/fuzz/generate.js';
import { mutations } from '../src/fuzz/mutate.js';
import { judge } from '../src/fuzz/judge.js';
import { Random } from '../src/fuzz/random.js';
import { requirementText } from '../src/core/requirements/index.js';

const tool = { name: 'ocpp-harness', version: '0.1.0', informationUri: 'https://example.com/ocpp-harness' };

const crash = makeFinding({
  ruleId: 'SEC-RPC-07',
  category: 'date:crash',
  action: 'StartTransaction',
  title: 'SUT became unresponsive after a nine-digit year',
  severity: 'high',
  requirement: 'SEC-RPC-07',
  cwe: 'CWE-20',
  hint: 'Validate timestamps before storing them.',
  frames: ['[2,"a","StartTransaction",{"timestamp":"999999999-12-31T23:59:59Z"}]'],
  replay: "printf '%s\\n' '[2]' | websocat ws://x",
  caseId: 'StartTransaction/date/timestamp/nine-digit-year',
});
const accepted = makeFinding({
  ruleId: 'SEC-RPC-06',
  category: 'occurrence:accepted',
  action: 'BootNotification',
  title: 'SUT accepted an invalid message',
  severity: 'medium',
  cwe: 'CWE-20',
  hint: 'Reject it.',
  frames: ['[2,"b","BootNotification",{}]'],
});
const wrongCode = makeFinding({
  ruleId: 'SEC-RPC-06',
  category: 'type:wrong-code',
  action: 'Authorize',
  title: 'Unexpected CALLERROR',
  severity: 'low',
  hint: 'Use TypeConstraintViolation.',
  frames: ['[2,"c","Authorize",{"idTag":1}]'],
});

describe('findings model', () => {
  it('derives ids from rule, action and category only', () => {
    expect(crash.id).toBe(findingId('SEC-RPC-07', 'StartTransaction', 'date:crash'));
    expect(crash.id).toMatch(/^SEC-RPC-07\/StartTransaction\/date:crash#[0-9a-f]{8}$/);
    // Pinned: ids must not change between runs or releases (SARIF fingerprints depend on them).
    expect(findingId('SEC-RPC-06', 'BootNotification', 'occurrence:accepted')).toBe(accepted.id);
    expect(findingId('SEC-RPC-06', undefined, 'x')).toMatch(/^SEC-RPC-06\/\*\/x#/);
    const other = makeFinding({ ...crash, category: 'date:crash', frames: ['different'], title: 'other words' });
    expect(other.id).toBe(crash.id);
    expect(findingId('SEC-RPC-07', 'StartTransaction', 'date:accepted')).not.toBe(crash.id);
  });

  it('gives the same finding ids on independent fuzz runs with different seeds', () => {
    const idsFor = (seed: string) => {
      const v = new SchemaValidator('2.0.1');
      const r = new Random(seed);
      const ms = mutations(r, 'Authorize', generateValid(v.schema('Authorize', 'request')!, r.fork('p')), '2.0.1', { validator: v });
      return [...new Set(ms.filter((m) => m.mutator === 'non-json').map((m) => judge('2.0.1', m, { kind: 'callresult' })!.id))];
    };
    expect(idsFor('one')).toEqual(idsFor('two'));
    expect(idsFor('one')).toHaveLength(1);
  });

  it('merges repeats, keeping the worst severity and a bounded frame list', () => {
    const repeat = { ...accepted, severity: 'high' as const, frames: ['f2', accepted.frames[0], 'f3'] };
    const merged = mergeFindings([accepted, wrongCode, repeat], 3);
    expect(merged.map((f) => f.id)).toEqual([accepted.id, wrongCode.id]);
    expect(merged[0].severity).toBe('high');
    expect(merged[0].frames).toEqual([accepted.frames[0], 'f2', 'f3']);
  });

  it('quotes replay commands for a POSIX shell', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const cmd = replayCommand(['[2,"a","X",{"s":"it\'s"}]'], { url: 'ws://127.0.0.1:9000/CS1', subprotocol: 'ocpp1.6' });
    expect(cmd).toBe(`printf '%s\\n' '[2,"a","X",{"s":"it'\\''s"}]' | websocat --protocol 'ocpp1.6' 'ws://127.0.0.1:9000/CS1'`);
  });
});

describe('SARIF', () => {
  const findings: Finding[] = [crash, accepted, wrongCode];
  const sarif = toSarif(findings, tool) as {
    $schema: string;
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; informationUri?: string; rules: Array<Record<string, any>> } };
      results: Array<Record<string, any>>;
    }>;
  };

  it('has the SARIF 2.1.0 top-level shape', () => {
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver).toMatchObject({ name: 'ocpp-harness', version: '0.1.0', informationUri: tool.informationUri });
    // Round-trips through JSON unchanged (no undefined, no functions).
    expect(JSON.parse(JSON.stringify(sarif))).toEqual(sarif);
  });

  it('declares one rule per ruleId with security metadata', () => {
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['SEC-RPC-07', 'SEC-RPC-06']);
    for (const r of rules) {
      expect(r.name).toMatch(/^[A-Za-z0-9]+$/);
      expect(r.shortDescription.text).toEqual(expect.any(String));
      expect(r.help.text).toEqual(expect.any(String));
      expect(r.properties.tags).toContain('security');
      const sev = Number(r.properties['security-severity']);
      expect(typeof r.properties['security-severity']).toBe('string');
      expect(sev).toBeGreaterThanOrEqual(0);
      expect(sev).toBeLessThanOrEqual(10);
    }
    // The rule's severity is its worst finding's; CWE tags follow GitHub's convention.
    expect(rules[1].properties['security-severity']).toBe(securitySeverity('medium'));
    expect(rules[0].properties['security-severity']).toBe('8.0');
    expect(rules[0].properties.tags).toContain('external/cwe/cwe-20');
  });

  it('spells out the rule and the violated requirement from the registry', () => {
    const rules = sarif.runs[0].tool.driver.rules;
    const says = requirementText('SEC-RPC-07')!;
    // General texts from the registry, not one finding's title or hint (issue 13.5).
    expect(rules[0].shortDescription.text).toBe(`Rule SEC-RPC-07: ${says}`);
    expect(rules[0].fullDescription.text).toContain(says);
    expect(rules[0].fullDescription.text).not.toContain(crash.title);
    expect(rules[0].help.text).toContain(`meet rule SEC-RPC-07: ${says}`);
    expect(rules[0].help.text).not.toContain(crash.hint);
    expect(rules[0].helpUri).toBe('https://cwe.mitre.org/data/definitions/20.html');
    expect(rules[1].help.text).toContain(`Rule SEC-RPC-06: ${requirementText('SEC-RPC-06')}`.replace('Rule', 'rule'));
  });

  it('links every result to its rule and fingerprints it with the finding id', () => {
    const { rules } = sarif.runs[0].tool.driver;
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(3);
    results.forEach((res, i) => {
      const f = findings[i];
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.ruleId).toBe(f.ruleId);
      expect(res.level).toBe(sarifLevel(f.severity));
      expect(res.message.text).toContain(f.title);
      expect(res.partialFingerprints['ocppFindingId/v1']).toBe(f.id);
      expect(res.properties.frames).toEqual(f.frames);
      expect(res.locations[0].logicalLocations[0].name).toBe(f.action);
    });
    expect(results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(results[0].properties.replay).toBe(crash.replay);
  });

  it('maps severities to levels and GitHub severity bands', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as Finding['severity']))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
    expect(Number(securitySeverity('critical'))).toBeGreaterThanOrEqual(9);
    expect(Number(securitySeverity('high'))).toBeGreaterThanOrEqual(7);
    expect(Number(securitySeverity('low'))).toBeLessThan(4);
  });

  it('is stable for the same findings, and empty findings still give a valid run', () => {
    expect(JSON.stringify(toSarif(findings, tool))).toBe(JSON.stringify(sarif));
    const empty = toSarif([], { name: 'x', version: '1' }) as typeof sarif;
    expect(empty.runs[0].tool.driver.rules).toEqual([]);
    expect(empty.runs[0].results).toEqual([]);
  });

  it('writes findings.json and findings.sarif', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocpp-findings-'));
    try {
      const out = await writeFindings(join(dir, 'nested'), findings, tool);
      const json = JSON.parse(await readFile(out.json, 'utf8')) as { findings: Finding[] };
      expect(json.findings).toEqual(findings);
      const written = JSON.parse(await readFile(out.sarif, 'utf8'));
      expect(written).toEqual(JSON.parse(JSON.stringify(sarif)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
