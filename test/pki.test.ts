import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { UsageError } from '../src/core/config.js';
import { createCsr, parseCsr, signCsr } from '../src/pki/csr.js';
import { inspectCertificate, verifyChain } from '../src/pki/inspect.js';
import { artifactChain, initPki, readPkiManifest, type PkiArtifact, type PkiManifest } from '../src/pki/pki.js';

const SERIAL = 'SN-HARNESS-0001';
const ORG = 'Harness CPO & Sons';
const HOST = 'localhost';

function openssl(args: string[], input?: string): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8', input });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function tamperPem(pem: string, label: string, edit: (der: Buffer) => void): string {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  edit(der);
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
}

describe('test PKI', () => {
  const tmpRoot = mkdtempSync(join(tmpdir(), 'ocpp-pki-'));
  const dir = join(tmpRoot, 'pki');
  let manifest: PkiManifest;
  const art = (name: string): PkiArtifact => {
    const a = manifest.artifacts.find((x) => x.name === name);
    if (!a) throw new Error(`no artifact ${name}`);
    return a;
  };
  const certPath = (name: string): string => join(dir, art(name).cert);
  const pem = (name: string): string => readFileSync(certPath(name), 'utf8');
  const keyPem = (name: string): string => readFileSync(join(dir, art(name).key), 'utf8');

  /** What a relying party of this role trusts: the CSMS root, plus the station sub-CA as intermediate. */
  const trustFor = (a: PkiArtifact): { root: string; untrusted: string[] } => {
    if (a.role === 'csms-server' || a.role === 'station-ca') return { root: 'csms-root', untrusted: [] };
    if (a.role === 'station') return { root: 'csms-root', untrusted: ['station-ca'] };
    return { root: a.name, untrusted: [] }; // the other roots are their own anchors
  };
  const opensslVerify = (leaf: string, root: string, untrusted: string[], extra: string[] = []): { ok: boolean; out: string } => {
    const args = ['verify', '-CAfile', certPath(root), ...extra];
    if (untrusted.length) {
      const bundle = join(tmpRoot, `untrusted-${untrusted.join('+')}.pem`);
      writeFileSync(bundle, untrusted.map(pem).join(''));
      args.push('-untrusted', bundle);
    }
    return openssl([...args, certPath(leaf)]);
  };

  beforeAll(async () => {
    manifest = await initPki({ outDir: dir, stationSerial: SERIAL, org: ORG, csmsHost: HOST });
  });
  afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

  it('writes every artifact, keys 0600 and certificates 0644, and lists them all in pki.json', () => {
    expect(readPkiManifest(dir)).toEqual(manifest);
    expect(JSON.parse(readFileSync(join(dir, 'pki.json'), 'utf8'))).toEqual(manifest);
    const names = manifest.artifacts.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const required of [
      'csms-root',
      'csms-server-rsa',
      'csms-server-ecdsa',
      'station-ca',
      'station',
      'manufacturer-root',
      'v2g-root',
      'mo-root',
      'unknown-ca',
    ]) {
      expect(art(required).valid).toBe(true);
    }
    for (const a of manifest.artifacts) {
      expect(existsSync(join(dir, a.cert))).toBe(true);
      expect(statSync(join(dir, a.key)).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, a.cert)).mode & 0o777).toBe(0o644);
      expect(readFileSync(join(dir, a.key), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(names).toContain(a.issuer);
      expect(a.valid).toBe(a.defect === null);
    }
    const defects = ['expired', 'not-yet-valid', 'unknown-issuer', 'wrong-cn', 'weak-key', 'self-signed', 'ca-leaf'];
    for (const role of ['csms-server', 'station']) {
      const got = manifest.artifacts.filter((a) => a.role === role && !a.valid).map((a) => a.defect);
      expect(got.sort()).toEqual([...defects].sort());
    }
    expect(art('csms-server-unknown-issuer').issuer).toBe('unknown-ca');
    expect(art('station-unknown-issuer').issuer).toBe('unknown-ca');
    expect(artifactChain(manifest, 'station').map((a) => a.name)).toEqual(['station', 'station-ca', 'csms-root']);
  });

  it('openssl verify accepts every valid chain, and verifyChain agrees', () => {
    for (const a of manifest.artifacts.filter((x) => x.valid)) {
      const chain = artifactChain(manifest, a.name).map((x) => x.name);
      const res = opensslVerify(a.name, chain[chain.length - 1]!, chain.slice(1, -1));
      expect({ name: a.name, ...res }).toEqual({ name: a.name, ok: true, out: expect.stringContaining(': OK') });
      const anchors = a.issuer === a.name ? chain : chain.slice(1); // a root is its own anchor
      expect({ name: a.name, ...verifyChain(pem(a.name), anchors.map(pem)) }).toEqual({ name: a.name, valid: true });
    }
  });

  it('openssl verify rejects unknown-issuer, expired, not-yet-valid and self-signed leaves, and verifyChain agrees', () => {
    const expected: Record<string, RegExp> = {
      'unknown-issuer': /unable to get local issuer certificate/,
      expired: /certificate has expired/,
      'not-yet-valid': /certificate is not yet valid/,
      'self-signed': /self.signed certificate/,
    };
    const ours: Record<string, RegExp> = {
      'unknown-issuer': /unknown issuer/,
      expired: /expired/,
      'not-yet-valid': /not yet valid/,
      'self-signed': /self-signed/,
    };
    for (const a of manifest.artifacts.filter((x) => x.defect && x.defect in expected)) {
      const t = trustFor(a);
      const res = opensslVerify(a.name, t.root, t.untrusted);
      expect({ name: a.name, ok: res.ok }).toEqual({ name: a.name, ok: false });
      expect(res.out).toMatch(expected[a.defect!]!);
      const mine = verifyChain(pem(a.name), [t.root, ...t.untrusted].map(pem));
      expect(mine.valid).toBe(false);
      expect(mine.reason).toMatch(ours[a.defect!]!);
    }
  });

  it('gives the policy defects their defect: wrong host or serial, RSA-1024, CA:TRUE leaf', () => {
    expect(opensslVerify('csms-server-rsa', 'csms-root', [], ['-verify_hostname', HOST]).ok).toBe(true);
    expect(opensslVerify('csms-server-wrong-cn', 'csms-root', [], ['-verify_hostname', HOST]).out).toMatch(/hostname mismatch/);
    expect(inspectCertificate(pem('station-wrong-cn')).subject.CN).not.toBe(SERIAL);
    for (const name of ['csms-server-weak-key', 'station-weak-key'])
      expect(inspectCertificate(pem(name))).toMatchObject({ keyType: 'rsa', keyBits: 1024 });
    for (const name of ['csms-server-ca-leaf', 'station-ca-leaf']) expect(inspectCertificate(pem(name)).isCA).toBe(true);
    for (const name of ['csms-server-rsa', 'csms-server-ecdsa', 'station']) expect(inspectCertificate(pem(name)).isCA).toBe(false);
  });

  it('makes the station certificate CN = serial, O = org, clientAuth', () => {
    const info = inspectCertificate(pem('station'));
    expect(info.subject).toEqual({ CN: SERIAL, O: ORG });
    expect(info.extKeyUsage).toEqual(['clientAuth']);
    expect(info.keyType).toBe('rsa');
    expect(info.keyBits).toBeGreaterThanOrEqual(2048);
    expect(openssl(['x509', '-noout', '-subject', '-in', certPath('station')]).out).toContain(`CN = ${SERIAL}, O = ${ORG}`);
  });

  it('issues the server certificates for the host, one RSA-2048 and one ECDSA P-256', () => {
    const rsa = inspectCertificate(pem('csms-server-rsa'));
    expect(rsa).toMatchObject({
      keyType: 'rsa',
      keyBits: 2048,
      subject: { CN: HOST, O: ORG },
      extKeyUsage: ['serverAuth'],
      signatureAlgorithm: 'sha256WithRSAEncryption',
    });
    expect(rsa.san).toEqual(['DNS:localhost', 'IP:127.0.0.1']);
    const ec = inspectCertificate(pem('csms-server-ecdsa'));
    expect(ec).toMatchObject({
      keyType: 'ec',
      curve: 'prime256v1',
      keyBits: 256,
      selfSigned: false,
      issuer: { CN: 'OCPP Harness CSMS Root CA' },
    });
    const text = openssl(['x509', '-noout', '-text', '-in', certPath('csms-server-ecdsa')]).out;
    expect(text).toContain('id-ecPublicKey');
    expect(text).toContain('prime256v1');
    expect(text).toContain('TLS Web Server Authentication');
  });

  it('creates the Manufacturer root (RSA) and the V2G root (ECDSA, as ISO 15118 uses)', () => {
    expect(inspectCertificate(pem('manufacturer-root'))).toMatchObject({ isCA: true, selfSigned: true, keyType: 'rsa' });
    expect(inspectCertificate(pem('v2g-root'))).toMatchObject({
      isCA: true,
      selfSigned: true,
      keyType: 'ec',
      signatureAlgorithm: 'ecdsa-with-SHA256',
    });
    expect(inspectCertificate(pem('csms-server-self-signed')).selfSigned).toBe(true);
  });

  it('verifyChain reports time, a missing intermediate and a foreign anchor', () => {
    const later = new Date(Date.now() + 2 * 365 * 24 * 3600 * 1000);
    expect(verifyChain(pem('csms-server-rsa'), [pem('csms-root')], later).reason).toMatch(/expired/);
    expect(verifyChain(pem('station'), [pem('csms-root')]).reason).toMatch(/unknown issuer CN=OCPP Harness Charging Station Operator CA/);
    expect(verifyChain(pem('csms-server-rsa'), [pem('unknown-ca')]).valid).toBe(false);
    expect(verifyChain('not a certificate', [pem('csms-root')]).valid).toBe(false);
  });

  it('refuses to overwrite an existing PKI without force, naming the directory and --force', async () => {
    const err = await initPki({ outDir: dir, stationSerial: SERIAL, org: ORG, csmsHost: HOST }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(dir);
    expect((err as Error).message).toContain('--force');
  });

  it('rejects bad options with a UsageError before touching the disk', async () => {
    const other = join(tmpRoot, 'bad');
    for (const bad of [{ rsaBits: 1024 }, { stationSerial: '10.0.0.1' }, { csmsHost: '*.example.com' }, { org: '' }]) {
      const err = await initPki({ outDir: other, stationSerial: SERIAL, org: ORG, csmsHost: HOST, ...bad }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
    }
    expect(existsSync(other)).toBe(false);
  });

  describe('CSRs', () => {
    for (const keyType of ['rsa', 'ec'] as const) {
      it(`round-trips a ${keyType} CSR and openssl accepts its self-signature`, () => {
        const { csrPem, privateKeyPem } = createCsr({ commonName: SERIAL, org: ORG, keyType });
        expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
        const parsed = parseCsr(csrPem);
        expect(parsed.subject).toEqual({ O: ORG, CN: SERIAL });
        expect(parsed.signatureValid).toBe(true);
        expect(parsed.publicKey).toEqual(keyType === 'rsa' ? { type: 'rsa', bits: 2048 } : { type: 'ec', bits: 256, curve: 'prime256v1' });
        expect(parsed.publicKeyPem).toBe(createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }));
        // OpenSSL 3.0's req -verify exits 0 either way; only its message tells.
        expect(openssl(['req', '-verify', '-noout'], csrPem).out).toMatch(/verify OK/);
      });
    }

    it('reports a tampered CSR as signatureValid false', () => {
      const { csrPem } = createCsr({ commonName: SERIAL, org: ORG, keyType: 'ec' });
      const renamed = tamperPem(csrPem, 'CERTIFICATE REQUEST', (d) => {
        d[d.indexOf(Buffer.from(SERIAL))] = 'X'.charCodeAt(0); // same length, other station
      });
      expect(parseCsr(renamed)).toMatchObject({ subject: { CN: `X${SERIAL.slice(1)}` }, signatureValid: false });
      expect(openssl(['req', '-verify', '-noout'], renamed).out).toMatch(/verify failure/);
      const badSig = tamperPem(createCsr({ commonName: SERIAL, org: ORG, keyType: 'rsa' }).csrPem, 'CERTIFICATE REQUEST', (d) => {
        d[d.length - 1]! ^= 0xff;
      });
      expect(parseCsr(badSig).signatureValid).toBe(false);
      expect(() => parseCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n')).toThrow();
    });

    it('signs a CSR as the station CA: openssl verifies it, same subject and key, clientAuth', () => {
      for (const keyType of ['rsa', 'ec'] as const) {
        const { csrPem } = createCsr({ commonName: SERIAL, org: ORG, keyType });
        const certPem = signCsr({ csrPem, caCertPem: pem('station-ca'), caKeyPem: keyPem('station-ca'), days: 30, serial: '0a1b2c' });
        const out = join(tmpRoot, `signed-${keyType}.pem`);
        writeFileSync(out, certPem);
        const res = openssl([
          'verify',
          '-CAfile',
          certPath('csms-root'),
          '-untrusted',
          certPath('station-ca'),
          '-purpose',
          'sslclient',
          out,
        ]);
        expect(res).toEqual({ ok: true, out: expect.stringContaining(': OK') });
        const info = inspectCertificate(certPem);
        expect(info).toMatchObject({
          subject: { O: ORG, CN: SERIAL },
          isCA: false,
          extKeyUsage: ['clientAuth'],
          serialNumber: 'a1b2c',
          keyType,
        });
        expect(info.notAfter.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
        expect(createPublicKey(certPem).export({ type: 'spki', format: 'pem' })).toBe(parseCsr(csrPem).publicKeyPem);
      }
    });

    it('refuses to sign a tampered CSR or with a non-CA certificate', () => {
      const { csrPem } = createCsr({ commonName: SERIAL, org: ORG, keyType: 'ec' });
      const tampered = tamperPem(csrPem, 'CERTIFICATE REQUEST', (d) => {
        d[d.indexOf(Buffer.from(SERIAL))] = 'X'.charCodeAt(0);
      });
      expect(() => signCsr({ csrPem: tampered, caCertPem: pem('station-ca'), caKeyPem: keyPem('station-ca'), days: 30 })).toThrow(
        /self-signature/,
      );
      expect(() => signCsr({ csrPem, caCertPem: pem('station'), caKeyPem: keyPem('station'), days: 30 })).toThrow(/not a CA/);
      expect(() => signCsr({ csrPem, caCertPem: pem('station-ca'), caKeyPem: keyPem('csms-root'), days: 30 })).toThrow(
        /not the private key/,
      );
    });
  });

  describe('TLS on loopback', () => {
    async function listen(options: tls.TlsOptions): Promise<{ server: tls.Server; port: number }> {
      const server = tls.createServer(options, (s) => s.end());
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return { server, port: (server.address() as AddressInfo).port };
    }

    function connect(port: number, options: tls.ConnectionOptions): Promise<{ cipher: string; peer: tls.PeerCertificate }> {
      return new Promise((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port, ca: pem('csms-root'), ...options }, () => {
          const result = { cipher: socket.getCipher().standardName, peer: socket.getPeerCertificate() };
          socket.end();
          resolve(result);
        });
        socket.on('error', reject);
      });
    }

    it('serves the RSA and the ECDSA certificate for the four mandatory OCPP suites, verified against the CSMS root', async () => {
      const suites = ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384'];
      const { server, port } = await listen({
        key: [keyPem('csms-server-rsa'), keyPem('csms-server-ecdsa')],
        cert: [pem('csms-server-rsa'), pem('csms-server-ecdsa')],
        ciphers: suites.join(':'),
        minVersion: 'TLSv1.2',
      });
      try {
        for (const suite of suites) {
          const { cipher, peer } = await connect(port, { ciphers: suite, maxVersion: 'TLSv1.2' });
          expect(cipher).toMatch(suite.startsWith('ECDHE-ECDSA') ? /^TLS_ECDHE_ECDSA_WITH_AES_\d+_GCM/ : /^TLS_RSA_WITH_AES_\d+_GCM/);
          if (suite.startsWith('ECDHE-ECDSA')) expect(peer.asn1Curve).toBe('prime256v1');
          else expect(peer.bits).toBe(2048);
          expect(peer.subject.CN).toBe(HOST);
        }
        await expect(connect(port, {})).resolves.toBeDefined(); // TLS 1.3
      } finally {
        server.close();
      }
    });

    it('does mutual TLS with the station certificate and refuses one from the unknown CA', async () => {
      const { server, port } = await listen({
        key: keyPem('csms-server-rsa'),
        cert: pem('csms-server-rsa'),
        requestCert: true,
        rejectUnauthorized: true,
        ca: [pem('station-ca'), pem('csms-root')],
      });
      try {
        const secured: tls.TLSSocket[] = [];
        server.on('secureConnection', (s: tls.TLSSocket) => secured.push(s));
        const accepted = once(server, 'secureConnection');
        await connect(port, { key: keyPem('station'), cert: pem('station') + pem('station-ca') });
        await accepted;
        expect(secured[0]!.authorized).toBe(true);
        expect(secured[0]!.getPeerCertificate().subject.CN).toBe(SERIAL);

        // Node checks the client chain after OpenSSL's handshake and, with rejectUnauthorized, just drops
        // the socket: the evidence is a tlsClientError and no secureConnection.
        const refused = once(server, 'tlsClientError');
        const client = connect(port, { key: keyPem('station-unknown-issuer'), cert: pem('station-unknown-issuer'), maxVersion: 'TLSv1.2' });
        await expect(client).rejects.toThrow();
        await refused;
        expect(secured).toHaveLength(1);
      } finally {
        server.close();
      }
    });
  });
});

describe('test PKI re-run with force', () => {
  it('replaces the PKI, keeps key modes and honours now()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-pki-force-'));
    try {
      await initPki({ outDir: dir, stationSerial: SERIAL, org: ORG, csmsHost: '192.0.2.10' });
      const before = readFileSync(join(dir, 'station.cert.pem'), 'utf8');
      expect(inspectCertificate(readFileSync(join(dir, 'csms-server-rsa.cert.pem'), 'utf8')).san).toEqual([
        'DNS:192.0.2.10',
        'IP:192.0.2.10',
        'IP:127.0.0.1',
      ]);
      const now = new Date('2030-06-01T00:00:00Z');
      const m = await initPki({ outDir: dir, stationSerial: SERIAL, org: ORG, csmsHost: HOST, force: true, now: () => now });
      expect(readFileSync(join(dir, 'station.cert.pem'), 'utf8')).not.toBe(before);
      for (const a of m.artifacts) expect(statSync(join(dir, a.key)).mode & 0o777).toBe(0o600);
      const root = inspectCertificate(readFileSync(join(dir, 'csms-root.cert.pem'), 'utf8'));
      expect(root.notBefore.getTime()).toBe(now.getTime() - 3600_000);
      const expired = inspectCertificate(readFileSync(join(dir, 'station-expired.cert.pem'), 'utf8'));
      expect(expired.notAfter.getTime()).toBeLessThan(now.getTime());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
