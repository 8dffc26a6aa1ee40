/**
 * Issue 13.4: tamper evidence. The event log is hash-chained, manifest.json lists every artifact
 * with its SHA-256, manifest.sig signs it with a user's Ed25519 key, and `ocpp-harness verify`
 * notices a one-byte edit of any report or of the log. No key material reaches a report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EventLog } from '../src/engine/eventlog.js';
import { parseEventLog } from '../src/reporters/eventlog-reader.js';
import { verifyChain, type Manifest } from '../src/reporters/integrity.js';

const CLI = resolve('dist/src/cli/main.js');
const cli = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 90_000, env: { ...process.env, CI: 'true' } });

describe('hash-chained event log', () => {
  it('chains every line to the one before and stays readable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-chain-'));
    try {
      const path = join(dir, 'run.jsonl');
      const log = new EventLog(path);
      for (let i = 0; i < 3; i++) log.append({ type: 'note', time: 't', runKey: 'k', t: i, kind: 'harness', text: `n${i}` });
      log.close();
      const text = readFileSync(path, 'utf8');
      const chain = verifyChain(text);
      expect(chain).toMatchObject({ ok: true, lines: 3, head: log.chainHead });
      expect(parseEventLog(text).events).toHaveLength(3);
      expect(verifyChain(text.replace('"n1"', '"n2"')).problems).toEqual([
        'line 3: prevHash does not match line 2 (a line was edited, inserted or removed)',
      ]);
      const lines = text.split('\n');
      expect(verifyChain([lines[0], lines[2], ''].join('\n')).ok).toBe(false);
      expect(verifyChain('{"type":"note"}\n').problems[0]).toMatch(/no prevHash/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('manifest, signature and verify', () => {
  let work = '';
  let out = '';
  let pub = '';
  let priv = '';
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'ocpp-tamper-'));
    out = join(work, 'reports');
    const keys = generateKeyPairSync('ed25519');
    priv = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    pub = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(join(work, 'sign.pem'), priv);
    writeFileSync(join(work, 'verify.pem'), pub);
    const r = cli([
      'run',
      '--reference',
      '--ocpp',
      '2.0.1',
      '--sut',
      'cs',
      '--cases',
      'TC_B_01_CS',
      '--out',
      out,
      '--sign-key',
      join(work, 'sign.pem'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('lists every artifact with its SHA-256 and signs the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.files.map((f) => f.path).sort()).toEqual(['index.html', 'junit.xml', 'results.json', 'run.jsonl']);
    expect(manifest.eventLog?.path).toBe('run.jsonl');
    expect(readdirSync(out)).toContain('manifest.sig');
  });

  it('verifies an untouched folder, with and without the key', () => {
    expect(cli(['verify', out]).status).toBe(0);
    const r = cli(['verify', out, '--verify-key', join(work, 'verify.pem')]);
    expect(r.stdout).toMatch(/^verified: 5 artifacts match manifest.json, the event log.s hash chain is whole, the signature verifies$/m);
    expect(r.status).toBe(0);
  });

  it('refuses a signature made with another key', () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(join(work, 'other.pem'), other);
    const r = cli(['verify', out, '--verify-key', join(work, 'other.pem')]);
    expect(r.stdout).toContain('the signature does not verify');
    expect(r.status).toBe(1);
  });

  it.each(['run.jsonl', 'index.html', 'junit.xml', 'results.json', 'manifest.json'])('detects a one-byte edit of %s', (file) => {
    const copy = mkdtempSync(join(work, 'copy-'));
    cpSync(out, copy, { recursive: true });
    const path = join(copy, file);
    const bytes = readFileSync(path);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(path, bytes);
    const r = cli(['verify', copy, '--verify-key', join(work, 'verify.pem')]);
    expect(r.stdout).toContain('NOT verified');
    expect(r.status).toBe(1);
  });

  it('puts no key material in any report or log', () => {
    const body = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'))[0] ?? 'x';
    for (const f of readdirSync(out)) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).not.toContain(body(priv));
      expect(text).not.toContain('PRIVATE KEY');
    }
  });
});
