import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, UsageError, loadConfigFile, parseConfig, secretsOf } from '../src/core/config.js';
import { parseSut, parseVersions, selectCases } from '../src/engine/selection.js';
import { defineCase } from '../src/engine/case.js';

describe('SUT config', () => {
  it('fills defaults', () => {
    const c = parseConfig({ stationId: 'CS-9' });
    expect(c.stationId).toBe('CS-9');
    expect(c.timeouts).toEqual(DEFAULT_CONFIG.timeouts);
    expect(c.ids.validIdToken.type).toBe('ISO14443');
  });
  it('names every bad field and the fix', () => {
    let err: unknown;
    try {
      parseConfig({ stationId: 'a/b', timeouts: { messageMs: -1 }, colour: 'red', adapter: { type: 'smoke' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const msg = (err as Error).message;
    expect(msg).toContain('stationId: must not contain "/" or ":"');
    expect(msg).toContain('timeouts.messageMs');
    expect(msg).toContain('colour: unknown field; remove it or check its spelling');
    expect(msg).toContain('adapter.type: must be one of');
  });
  it('requires a password for Basic auth and an adapter command for the command adapter', () => {
    expect(() => parseConfig({ security: { profile: 1 } })).toThrow(/security.basicAuthPassword: required for security profile 1/);
    expect(() => parseConfig({ adapter: { type: 'command' } })).toThrow(/adapter.command: required/);
  });
  it('reports unreadable and non-JSON files by path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(() => loadConfigFile(join(dir, 'bad.json'))).toThrow(/not valid JSON/);
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read the file \(ENOENT\)/);
  });
  it('knows its secrets, including the Basic auth header value', () => {
    const c = parseConfig({ stationId: 'CP1', security: { profile: 1, basicAuthPassword: 'super-secret-password-1' } });
    expect(secretsOf(c)).toEqual(['super-secret-password-1', Buffer.from('CP1:super-secret-password-1').toString('base64')]);
  });
});

describe('selection', () => {
  const mk = (id: string, ocpp: '1.6' | '2.0.1', sut: 'cs' | 'csms', block: string) =>
    defineCase({ id, title: id, ocpp, sut, block, requirements: ['R'], purpose: '', fault: 'f' }, async () => undefined);
  const all = [
    mk('TC_B_01_CS', '2.0.1', 'cs', 'B'),
    mk('TC_B_01_CSMS', '2.0.1', 'csms', 'B'),
    mk('TC_E_03_CS', '2.0.1', 'cs', 'E'),
    mk('TC_001_CS', '1.6', 'cs', 'ColdBoot'),
  ];
  it('filters by version, role, glob, block and exclusion', () => {
    expect(selectCases(all, { ocpp: ['1.6'] }).map((c) => c.meta.id)).toEqual(['TC_001_CS']);
    expect(selectCases(all, { sut: ['csms'] }).map((c) => c.meta.id)).toEqual(['TC_B_01_CSMS']);
    expect(selectCases(all, { cases: ['TC_B_*'] }).map((c) => c.meta.id)).toEqual(['TC_B_01_CS', 'TC_B_01_CSMS']);
    expect(selectCases(all, { cases: ['TC_*_CS'], exclude: ['TC_0*'] }).map((c) => c.meta.id)).toEqual(['TC_B_01_CS', 'TC_E_03_CS']);
    expect(selectCases(all, { blocks: ['e'] }).map((c) => c.meta.id)).toEqual(['TC_E_03_CS']);
  });
  it('rejects unknown versions and roles with the valid values', () => {
    expect(() => parseVersions('3.0')).toThrow(/use 1.6, 2.0.1 or 2.1/);
    expect(parseVersions('16,201')).toEqual(['1.6', '2.0.1']);
    expect(() => parseSut('station')).toThrow(/use cs \(test a charging station\) or csms/);
  });
});
