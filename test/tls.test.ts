/** Security profiles 2 (TLS + Basic auth) and 3 (mutual TLS): transport, reference peers, CLI. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dialCsms } from '../src/transport/client.js';
import type { WireRecorder } from '../src/transport/connection.js';
import { CsmsServer } from '../src/transport/server.js';
import { clientTlsOptions, loadTlsMaterial } from '../src/transport/tls.js';
import { initPki } from '../src/pki/pki.js';
import { parseConfig, UsageError } from '../src/core/config.js';

const CLI = resolve('dist/src/cli/main.js');
const SERIAL = 'CP001';

function cli(args: string[], timeoutMs = 180_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('security profiles 2 and 3', () => {
  const root = mkdtempSync(join(tmpdir(), 'ocpp-tls-'));
  const pki = join(root, 'pki');
  beforeAll(async () => {
    await initPki({ outDir: pki, stationSerial: SERIAL, org: 'TLS Test CPO', csmsHost: 'localhost' });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('config: profile 2 needs basicAuthPassword, profile 3 does not; certsDir is a known field', () => {
    expect(() => parseConfig({ security: { profile: 2, certsDir: 'certs' } })).toThrow(
      /security\.basicAuthPassword: required for security profile 2/,
    );
    expect(parseConfig({ security: { profile: 3, certsDir: 'my-pki' } }).security).toEqual({ profile: 3, certsDir: 'my-pki' });
  });

  it('a certs directory without pki.json is refused with the fix', () => {
    expect(() => loadTlsMaterial(join(root, 'nothing-here'), 2)).toThrow(UsageError);
    expect(() => loadTlsMaterial(join(root, 'nothing-here'), 2)).toThrow(
      /security\.certsDir: .*pki\.json not found.*ocpp-harness certs init --out/,
    );
    const r = cli(['selfcheck', '--security-profile', '3', '--certs', join(root, 'nothing-here'), '--cases', 'TC_B_01_CS']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/certs init --out/);
  });

  it('the mock CSMS on profile 3 refuses a station without a certificate, accepts the PKI station certificate, and records protocol and cipher', async () => {
    const material = loadTlsMaterial(pki, 3);
    const notes: string[] = [];
    const recorder: WireRecorder = { frame: () => undefined, note: (_k, text) => notes.push(text) };
    const server = new CsmsServer({
      host: '127.0.0.1',
      port: 0,
      version: '2.0.1',
      identity: SERIAL,
      tls: material,
      monotonic: () => performance.now(),
    });
    const handshakes: import('../src/transport/server.js').HandshakeInfo[] = [];
    server.onConnection((c, h) => {
      handshakes.push(h);
      c.close(1000, 'test done');
    });
    server.recorder = recorder;
    await server.listen();
    try {
      const target = server.url();
      expect(target).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ocpp$/);
      const common = { target, identity: SERIAL, version: '2.0.1' as const, timeoutMs: 5000, monotonic: () => performance.now() };
      // No client certificate: refused with 401, and the note says why.
      const noCert = await dialCsms({ ...common, label: 'nocert', tls: { ca: material.csmsRoot } });
      expect(noCert.ok).toBe(false);
      expect(noCert.ok ? 0 : noCert.status).toBe(401);
      expect(notes.join('\n')).toMatch(/handshake refused with HTTP 401: TLS TLSv1\.[23] \S+; client certificate none: not verified/);
      expect(handshakes).toHaveLength(0);
      // The PKI's station certificate: accepted; protocol, cipher and the client certificate recorded.
      const clientNotes: string[] = [];
      const ok = await dialCsms({
        ...common,
        label: 'cert',
        tls: clientTlsOptions(material, target),
        recorder: { frame: () => undefined, note: (_k, t) => clientNotes.push(t) },
      });
      expect(ok.ok).toBe(true);
      expect(handshakes).toHaveLength(1);
      const t = handshakes[0].tls!;
      expect(t.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(t.cipher).toMatch(/^TLS_/);
      expect(t.clientCert).toMatchObject({ subjectCN: SERIAL, subjectO: 'TLS Test CPO', authorized: true });
      expect(t.clientCert!.issuer).toMatch(/Charging Station Operator CA/);
      expect(notes.join('\n')).toMatch(new RegExp(`client certificate CN="${SERIAL}".*verified`));
      expect(clientNotes.join('\n')).toMatch(/open; subprotocol ocpp2\.0\.1; TLS TLSv1\.[23] TLS_\S+; server certificate CN="localhost"/);
      // A station certificate from an unknown CA: refused too.
      const wrong = await dialCsms({
        ...common,
        label: 'unknown',
        tls: {
          ca: material.csmsRoot,
          cert: readFileSync(join(pki, 'station-unknown-issuer.cert.pem'), 'utf8'),
          key: readFileSync(join(pki, 'station-unknown-issuer.key.pem'), 'utf8'),
        },
      });
      expect(wrong.ok ? 0 : wrong.status).toBe(401);
      for (const n of [...notes, ...clientNotes]) expect(n).not.toMatch(/PRIVATE KEY/);
    } finally {
      await server.close();
    }
  });

  it('reference csms --security-profile 2 refuses TLS 1.1 and accepts TLS 1.2 (openssl s_client, loopback)', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [CLI, 'reference', 'csms', '--security-profile', '2', '--port', '0', '--host', '127.0.0.1', '--certs', pki],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const port = await new Promise<number>((resolvePort, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`reference CSMS did not start: ${out}`)), 20_000);
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening at wss:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m) {
            clearTimeout(timer);
            resolvePort(Number(m[1]));
          }
        });
        child.once('exit', () => reject(new Error(`reference CSMS exited: ${out}`)));
      });
      const sClient = (extra: string[]) =>
        spawnSync(
          'openssl',
          ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', join(pki, 'csms-root.cert.pem'), '-brief', ...extra],
          { encoding: 'utf8', input: '', timeout: 20_000 },
        );
      // SECLEVEL=0 so the client really offers TLS 1.1; the refusal is the server's.
      const old = sClient(['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0']);
      expect(old.status).not.toBe(0);
      expect(`${old.stdout}${old.stderr}`).not.toMatch(/CONNECTION ESTABLISHED/);
      expect(`${old.stdout}${old.stderr}`).toMatch(/protocol version|no protocols available|wrong version/i);
      const ok = sClient(['-tls1_2', '-verify_return_error']);
      const text = `${ok.stdout}${ok.stderr}`;
      expect(text).toMatch(/CONNECTION ESTABLISHED/);
      expect(text).toMatch(/Protocol version: TLSv1\.2/);
      expect(text).toMatch(/Ciphersuite: (ECDHE-ECDSA-AES(128|256)-GCM-SHA(256|384)|AES(128|256)-GCM-SHA(256|384))/);
      expect(text).toMatch(/Verification: OK/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it.each([['2'], ['3']])(
    'selfcheck --security-profile %s over the conformance catalogue: equal counts, no problems',
    (profile) => {
      // The configuration variants are proven at profile 0 by npm test's selfcheck; here only the TLS profiles matter.
      const r = cli(['selfcheck', '--security-profile', profile, '--suite', 'conformance', '--variant', 'none', '--json'], 300_000);
      const report = JSON.parse(r.stdout) as { cases: number; passOnReference: number; failOnFault: number; problems: string[] };
      expect(report.problems).toEqual([]);
      expect(report.cases).toBeGreaterThan(100);
      expect(report.passOnReference).toBe(report.cases);
      expect(report.failOnFault).toBe(report.cases);
      expect(r.code).toBe(0);
    },
    320_000,
  );

  it('profile 2 over TLS: the password and private keys never reach a report', () => {
    const dir = mkdtempSync(join(root, 'run-'));
    const password = 'Tls-Pr0file-2-Secret-Passw0rd';
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({
        stationId: SERIAL,
        security: { profile: 2, basicAuthPassword: password, certsDir: pki },
        timeouts: {
          messageMs: 2000,
          connectMs: 3000,
          caseMs: 30000,
          silenceMs: 400,
          transactionMs: 300,
          heartbeatIntervalS: 1,
          bootRetryIntervalS: 1,
        },
      }),
    );
    const out = join(dir, 'reports');
    const r = cli([
      'run',
      '--reference',
      '--config',
      join(dir, 'c.json'),
      '--ocpp',
      '2.0.1',
      '--suite',
      'conformance',
      '--block',
      'B',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const b64 = Buffer.from(`${SERIAL}:${password}`).toString('base64');
    const keyLines = ['station', 'csms-server-rsa', 'csms-server-ecdsa'].map(
      (n) => readFileSync(join(pki, `${n}.key.pem`), 'utf8').split('\n')[1],
    );
    const log = readFileSync(join(out, 'run.jsonl'), 'utf8');
    expect(log).toMatch(/TLS TLSv1\.[23] TLS_/);
    for (const f of ['run.jsonl', 'junit.xml', 'index.html', 'results.json']) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).not.toContain(password);
      expect(text).not.toContain(b64);
      expect(text).not.toMatch(/PRIVATE KEY/);
      for (const line of keyLines) expect(text).not.toContain(line);
    }
    expect(r.stdout + r.stderr).not.toContain(password);
  });
});
