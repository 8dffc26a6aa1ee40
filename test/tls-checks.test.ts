/**
 * The pieces the TLS and certificate cases stand on, checked against independent implementations:
 * the raw ClientHello prober against Node's own TLS server, the one-port ws/wss listener and its
 * per-case TLS policy, RFC 6960 hash data against node-forge, the CA's certificate variants
 * against verifyChain and openssl, the certificate audit, and secret redaction in the event log.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { initPki } from '../src/pki/pki.js';
import { createCsr, parseCsr } from '../src/pki/csr.js';
import { verifyChain, inspectCertificate } from '../src/pki/inspect.js';
import { auditCertificate, certificateHashData, splitPemChain, TestPki } from '../src/pki/test-pki.js';
import { buildClientHello, parseClientHello, probeTls } from '../src/transport/tls-hello.js';
import { CsmsServer, type ConnectionAttempt } from '../src/transport/server.js';
import { clientTlsOptions, loadTlsMaterial, OCPP_CIPHERS } from '../src/transport/tls.js';
import { dialCsms } from '../src/transport/client.js';
import { EventLog } from '../src/engine/eventlog.js';
import { secretsInFrame } from '../src/engine/wire-secrets.js';

const SERIAL = 'CP-TLS-01';
const ORG = 'Checks CPO';

describe('TLS checks and the test PKI at run time', () => {
  const root = mkdtempSync(join(tmpdir(), 'ocpp-tls-checks-'));
  const dir = join(root, 'pki');
  let pki: TestPki;
  beforeAll(async () => {
    await initPki({ outDir: dir, stationSerial: SERIAL, org: ORG, csmsHost: 'localhost' });
    pki = TestPki.load(dir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function withTlsServer<T>(options: tls.TlsOptions, body: (port: number) => Promise<T>): Promise<T> {
    const server = tls.createServer(options, (s) => s.end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      return await body((server.address() as { port: number }).port);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }

  it('the ClientHello builder round-trips through the parser', () => {
    const hello = parseClientHello(
      buildClientHello({
        version: 'TLSv1.1',
        suites: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
        compression: [1, 0],
        serverName: 'csms.example',
      }),
    );
    expect(hello).toMatchObject({
      helloVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      suites: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
      compression: [1, 0],
      sni: 'csms.example',
    });
  });

  it('the prober gets what an OCPP-configured Node TLS server really answers', async () => {
    const m = loadTlsMaterial(dir, 2);
    await withTlsServer({ key: m.serverKeys, cert: m.serverCerts, minVersion: 'TLSv1.2', ciphers: OCPP_CIPHERS }, async (port) => {
      const ok = await probeTls('127.0.0.1', port, { version: 'TLSv1.2', suites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] }, 3000);
      expect(ok).toEqual({ kind: 'server-hello', version: 'TLSv1.2', suite: 'TLS_RSA_WITH_AES_128_GCM_SHA256', compression: 0 });
      const ecdsa = await probeTls('127.0.0.1', port, { version: 'TLSv1.2', suites: ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'] }, 3000);
      expect(ecdsa).toMatchObject({ kind: 'server-hello', suite: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384' });
      const old = await probeTls('127.0.0.1', port, { version: 'TLSv1.1', suites: ['TLS_RSA_WITH_AES_128_CBC_SHA'] }, 3000);
      expect(old).toEqual({ kind: 'alert', level: 'fatal', alert: 'protocol_version' });
      const weak = await probeTls(
        '127.0.0.1',
        port,
        { version: 'TLSv1.2', suites: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_NULL_SHA256'] },
        3000,
      );
      expect(weak).toEqual({ kind: 'alert', level: 'fatal', alert: 'handshake_failure' });
      const deflate = await probeTls(
        '127.0.0.1',
        port,
        { version: 'TLSv1.2', suites: ['TLS_RSA_WITH_AES_256_GCM_SHA384'], compression: [1, 0] },
        3000,
      );
      expect(deflate).toMatchObject({ kind: 'server-hello', compression: 0 });
    });
  });

  it('one listener serves ws:// and wss://, records each ClientHello, and serves the certificate a case chooses', async () => {
    const m = loadTlsMaterial(dir, 2);
    const server = new CsmsServer({
      host: '127.0.0.1',
      port: 0,
      version: '2.0.1',
      identity: 'CP1',
      profile: 2,
      basicAuthPassword: 'pw-0123456789abcdef',
      tls: m,
      monotonic: () => performance.now(),
    });
    const attempts: ConnectionAttempt[] = [];
    server.onAttempt((a) => attempts.push(a));
    server.onConnection((c) => c.close(1000, 'done'));
    await server.listen();
    try {
      const common = {
        identity: 'CP1',
        version: '2.0.1' as const,
        timeoutMs: 3000,
        label: 't',
        monotonic: () => performance.now(),
        basicAuthPassword: 'pw-0123456789abcdef',
      };
      const wss = server.url(true);
      const ok = await dialCsms({ ...common, target: wss, tls: clientTlsOptions(m, wss) });
      expect(ok.ok).toBe(true);
      expect(attempts[0]).toMatchObject({ transport: 'tls', outcome: 'secure' });
      expect(attempts[0].clientHello?.maxVersion).toBe('TLSv1.3');
      expect(attempts[0].clientHello?.compression).toEqual([0]);
      // Same port, no TLS: the profile-2 listener refuses it at the handshake (A00.FR.002).
      const plain = await dialCsms({ ...common, target: server.url(false) });
      expect(plain).toMatchObject({ ok: false, status: 401 });
      expect(attempts[1]).toMatchObject({ transport: 'plain', outcome: 'plain' });
      // A case serves an expired certificate: the station side refuses the handshake, the listener records why.
      server.policy = { tls: { certificates: [pki.artifact('csms-server-expired')] } };
      const bad = await dialCsms({ ...common, target: wss, tls: clientTlsOptions(m, wss) });
      expect(bad.ok).toBe(false);
      expect(bad.ok ? '' : bad.error).toMatch(/expired/i);
      await new Promise((r) => setTimeout(r, 100));
      expect(attempts[2]).toMatchObject({ transport: 'tls', outcome: 'failed' });
      expect(attempts[2].error).toMatch(/certificate expired|alert|closed the connection/i);
      // TLS 1.1 only, as TC_A_06_CS serves it: a TLS-1.2+ station cannot connect.
      server.policy = { tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1.1' } };
      const low = await dialCsms({ ...common, target: wss, tls: clientTlsOptions(m, wss) });
      expect(low.ok).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('certificate hash data matches an independent computation (node-forge)', () => {
    const leaf = pki.artifact('csms-server-rsa');
    const ours = certificateHashData(leaf.certPem, pki.csmsRoot, 'SHA256');
    const cert = forge.pki.certificateFromPem(leaf.certPem);
    const issuer = forge.pki.certificateFromPem(pki.csmsRoot);
    const sha = (bytes: string) => forge.md.sha256.create().update(bytes).digest().toHex();
    const issuerName = forge.asn1.toDer(forge.pki.distinguishedNameToAsn1(cert.issuer)).getBytes();
    // For RSA the subjectPublicKey BIT STRING holds the DER RSAPublicKey.
    const keyBits = forge.asn1.toDer(forge.pki.publicKeyToRSAPublicKey(issuer.publicKey as forge.pki.rsa.PublicKey)).getBytes();
    expect(ours.issuerNameHash).toBe(sha(issuerName));
    expect(ours.issuerKeyHash).toBe(sha(keyBits));
    expect(ours.serialNumber).toBe(cert.serialNumber.replace(/^0+/, ''));
    expect(pki.hashDataOf('csms-server-rsa')).toEqual(ours);
  });

  it('the CA signs a CSR, and each wrong variant is wrong in exactly its way (checked with verifyChain and openssl)', () => {
    const { csrPem } = createCsr({ commonName: SERIAL, org: ORG, keyType: 'ec' });
    const csrKey = parseCsr(csrPem).publicKeyPem;
    const trust = [pki.stationCa, pki.csmsRoot];
    const leafOf = (chain: string) => splitPemChain(chain)[0]!;
    const valid = pki.issueForCsr(csrPem);
    expect(verifyChain(leafOf(valid), trust).valid).toBe(true);
    expect(auditCertificate(leafOf(valid), { role: 'station', commonName: SERIAL, organization: ORG, trust })).toEqual([]);
    const cafile = join(root, 'trust.pem');
    writeFileSync(cafile, trust.join(''));
    const opensslVerify = (pem: string) => {
      const f = join(root, `leaf-${Math.random().toString(36).slice(2)}.pem`);
      writeFileSync(f, pem);
      return spawnSync('openssl', ['verify', '-CAfile', cafile, f], { encoding: 'utf8' }).status;
    };
    expect(opensslVerify(leafOf(valid))).toBe(0);
    expect(verifyChain(leafOf(pki.issueForCsr(csrPem, 'expired')), trust).reason).toMatch(/expired/);
    expect(verifyChain(leafOf(pki.issueForCsr(csrPem, 'not-yet-valid')), trust).reason).toMatch(/not yet valid/);
    expect(opensslVerify(leafOf(pki.issueForCsr(csrPem, 'unknown-issuer')))).not.toBe(0);
    expect(inspectCertificate(leafOf(pki.issueForCsr(csrPem, 'wrong-cn'))).subject.CN).not.toBe(SERIAL);
    const other = leafOf(pki.issueForCsr(csrPem, 'other-key'));
    expect(verifyChain(other, trust).valid).toBe(true);
    expect(new X509Certificate(other).publicKey.export({ type: 'spki', format: 'pem' })).not.toBe(csrKey);
    expect(inspectCertificate(pki.issueForCsr(csrPem, 'self-signed')).selfSigned).toBe(true);
  });

  it('the audit names the rule each invalid PKI artifact breaks', () => {
    const rules = (name: string, expect_: Parameters<typeof auditCertificate>[1]) =>
      auditCertificate(pki.artifact(name).certPem, expect_).map((p) => p.requirement);
    const station = { role: 'station' as const, commonName: SERIAL, organization: ORG, trust: [pki.stationCa, pki.csmsRoot] };
    expect(rules('station', station)).toEqual([]);
    expect(rules('station-weak-key', station)).toContain('A00.FR.503');
    expect(rules('station-wrong-cn', station)).toContain('A00.FR.405');
    expect(rules('station-ca-leaf', station)).toContain('A00.FR.512');
    expect(rules('station-expired', station)).toContain('A00.FR.501');
    expect(rules('csms-server-rsa', { role: 'csms-server', commonName: 'localhost', trust: [pki.csmsRoot] })).toEqual([]);
    expect(rules('csms-server-wrong-cn', { role: 'csms-server', commonName: 'localhost' })).toContain('A00.FR.507');
    expect(rules('csms-server-unknown-issuer', { role: 'csms-server', trust: [pki.csmsRoot] })).toContain('A00.FR.411');
  });

  it('the event log masks private keys and secrets a case declares during the run', () => {
    const log = new EventLog(undefined, []);
    log.addSecret('new-password-0123456789');
    log.append({
      type: 'note',
      time: 't',
      runKey: 'k',
      t: 0,
      kind: 'observation',
      text: `key ${pki.artifact('station').keyPem} and new-password-0123456789`,
    });
    const text = JSON.stringify(log.events);
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(text).not.toContain('new-password-0123456789');
    expect(text).toContain('***private key***');
  });

  it('passwords sent inside OCPP messages are recognised so the log can mask them', () => {
    expect(
      secretsInFrame(
        JSON.stringify([
          2,
          '1',
          'SetVariables',
          {
            setVariableData: [
              { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'Secret-Pass-0123456789' },
            ],
          },
        ]),
      ),
    ).toEqual(['Secret-Pass-0123456789']);
    expect(
      secretsInFrame(
        JSON.stringify([2, '2', 'ChangeConfiguration', { key: 'AuthorizationKey', value: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }]),
      ),
    ).toEqual(['a1b2c3d4e5f60718293a4b5c6d7e8f90']);
    expect(secretsInFrame(JSON.stringify([2, '3', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '60' }]))).toEqual([]);
    expect(secretsInFrame('not json BasicAuthPassword')).toEqual([]);
  });
});
