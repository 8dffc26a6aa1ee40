/**
 * The harness's test PKI (`ocpp-harness certs init`): the CSO hierarchy for security profiles 2/3,
 * the roots M-block InstallCertificate cases hand out, and the invalid variants the TLS and
 * certificate cases present (security catalogue TLS-09, CERT-08; OCTT A_04-A_08).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../core/config.js';
import { keyIdentifier, type DistinguishedName } from './der.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, type ExtendedKeyUsage, type KeyUsageBit } from './issue.js';
import { inspectCertificate } from './inspect.js';

export type PkiRole = 'csms-root' | 'csms-server' | 'station-ca' | 'station' | 'manufacturer-root' | 'v2g-root' | 'mo-root' | 'unknown-ca';
export type PkiDefect = 'expired' | 'not-yet-valid' | 'unknown-issuer' | 'wrong-cn' | 'weak-key' | 'self-signed' | 'ca-leaf';

export interface PkiArtifact {
  /** Unique; also the file stem. */
  name: string;
  role: PkiRole;
  /** PEM certificate, relative to the PKI directory. */
  cert: string;
  /** PEM PKCS#8 private key, relative to the PKI directory. */
  key: string;
  /** Name of the artifact whose key signed this certificate (itself for roots and self-signed leaves). */
  issuer: string;
  /** Whether the certificate meets the OCPP requirements for its role (trust is the role's matter). */
  valid: boolean;
  defect: PkiDefect | null;
}

export interface PkiManifest {
  artifacts: PkiArtifact[];
}

export interface InitPkiOptions {
  outDir: string;
  /** CN of the station certificate: the station's serial number (A00.FR.405). */
  stationSerial: string;
  /** O of the CSO certificates: the CPO name (SecurityCtrlr.OrganizationName / CpoName). */
  org: string;
  /** CN and SAN of the CSMS server certificates (A00.FR.507). */
  csmsHost: string;
  force?: boolean;
  now?: () => Date;
  /** RSA modulus for every valid RSA key; default 2048, at least 2048 (A00.FR.503). */
  rsaBits?: number;
}

export const PKI_MANIFEST = 'pki.json';
const WEAK_RSA_BITS = 1024;

type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec' };

interface Plan {
  name: string;
  role: PkiRole;
  issuer: string;
  defect: PkiDefect | null;
  key: KeySpec;
  subject: DistinguishedName;
  /** Offsets from now. */
  validFrom: number;
  validTo: number;
  ca: boolean;
  pathLen?: number;
  keyUsage?: KeyUsageBit[];
  eku?: ExtendedKeyUsage[];
  san?: { dns?: string[]; ip?: string[] };
}

interface Issued {
  plan: Plan;
  privateKey: KeyObject;
  publicKey: KeyObject;
  certPem: string;
}

const certFile = (name: string): string => `${name}.cert.pem`;
const keyFile = (name: string): string => `${name}.key.pem`;

function validate(o: InitPkiOptions): void {
  const problems: string[] = [];
  const text = (field: string, v: string, max: number): void => {
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) problems.push(`${field}: must be 1-${max} characters`);
  };
  text('stationSerial', o.stationSerial, 64);
  text('org', o.org, 64);
  text('csmsHost', o.csmsHost, 253);
  if (/:\/\//.test(o.stationSerial ?? '') || isIP(o.stationSerial ?? '')) {
    problems.push('stationSerial: must not look like a URL or IP address (A00.FR.511); use the serial number the station reports');
  }
  if (o.csmsHost && !isIP(o.csmsHost) && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(o.csmsHost)) {
    problems.push('csmsHost: must be a host name or IP address (no wildcard, port or scheme)');
  }
  if (o.rsaBits !== undefined && !(Number.isInteger(o.rsaBits) && o.rsaBits >= 2048 && o.rsaBits <= 8192)) {
    problems.push('rsaBits: must be an integer from 2048 to 8192 (OCPP A00.FR.503 asks for at least 2048)');
  }
  if (problems.length) throw new UsageError(`certs init: ${problems.join('; ')}`);
}

/** The whole PKI as data: what each certificate is, who signs it, and what is wrong with it. */
function planPki(o: InitPkiOptions): Plan[] {
  const rsa: KeySpec = { type: 'rsa', bits: o.rsaBits ?? 2048 };
  const weak: KeySpec = { type: 'rsa', bits: WEAK_RSA_BITS };
  const year = 365 * DAY_MS;
  const leafTime = { validFrom: -BACKDATE_MS, validTo: year };
  const caUsage: KeyUsageBit[] = ['keyCertSign', 'cRLSign'];
  const root = (name: string, role: PkiRole, cn: string, org: string, key: KeySpec): Plan => ({
    name,
    role,
    issuer: name,
    defect: null,
    key,
    subject: { CN: cn, O: org },
    validFrom: -BACKDATE_MS,
    validTo: 10 * year,
    ca: true,
    keyUsage: caUsage,
  });
  const local = o.csmsHost === 'localhost' || isIP(o.csmsHost) !== 0;
  const ips = local ? [...new Set([...(isIP(o.csmsHost) ? [o.csmsHost] : []), '127.0.0.1'])] : [];
  // The brief asks for the host as a DNS name too; an IP in dNSName is harmless and some clients look there.
  const serverSan = { dns: [o.csmsHost], ip: ips };
  const server: Omit<Plan, 'name' | 'key' | 'issuer' | 'defect'> = {
    role: 'csms-server',
    subject: { CN: o.csmsHost, O: o.org },
    ...leafTime,
    ca: false,
    eku: ['serverAuth'],
    san: serverSan,
  };
  const station: Omit<Plan, 'name' | 'key' | 'issuer' | 'defect'> = {
    role: 'station',
    subject: { CN: o.stationSerial, O: o.org },
    ...leafTime,
    ca: false,
    eku: ['clientAuth'],
  };

  const plans: Plan[] = [
    root('csms-root', 'csms-root', 'OCPP Harness CSMS Root CA', o.org, rsa),
    { ...server, name: 'csms-server-rsa', key: rsa, issuer: 'csms-root', defect: null },
    { ...server, name: 'csms-server-ecdsa', key: { type: 'ec' }, issuer: 'csms-root', defect: null },
    // The CSO sub-CA for stations, under the same root, so a station and the CSMS share one hierarchy (A00.FR.601).
    {
      name: 'station-ca',
      role: 'station-ca',
      issuer: 'csms-root',
      defect: null,
      key: rsa,
      subject: { CN: 'OCPP Harness Charging Station Operator CA', O: o.org },
      validFrom: -BACKDATE_MS,
      validTo: 5 * year,
      ca: true,
      pathLen: 0,
      keyUsage: caUsage,
    },
    { ...station, name: 'station', key: rsa, issuer: 'station-ca', defect: null },
    root('manufacturer-root', 'manufacturer-root', 'OCPP Harness Manufacturer Root CA', 'OCPP Harness Manufacturer', rsa),
    // ISO 15118-2 V2G PKIs use ECDSA P-256 throughout.
    root('v2g-root', 'v2g-root', 'OCPP Harness V2G Root CA', 'OCPP Harness V2G', { type: 'ec' }),
    // The eMobility operator (contract certificate) root of ISO 15118 Plug & Charge, separate from V2G.
    root('mo-root', 'mo-root', 'OCPP Harness MO Root CA', 'OCPP Harness Mobility Operator', { type: 'ec' }),
    root('unknown-ca', 'unknown-ca', 'OCPP Harness Unknown Root CA', 'Unknown Organisation', rsa),
  ];

  // Invalid variants, each in a server and a station flavour, otherwise identical to the valid ones.
  const variants: Array<{ defect: PkiDefect; change: (p: Plan) => Partial<Plan> }> = [
    { defect: 'unknown-issuer', change: () => ({ issuer: 'unknown-ca' }) },
    { defect: 'expired', change: () => ({ validFrom: -year - DAY_MS, validTo: -DAY_MS }) },
    // Two years ahead, so they stay not-yet-valid for longer than the valid leaves stay valid.
    { defect: 'not-yet-valid', change: () => ({ validFrom: 2 * year, validTo: 3 * year }) },
    {
      defect: 'wrong-cn',
      change: (p) =>
        p.role === 'csms-server'
          ? { subject: { CN: 'wrong-host.invalid', O: o.org }, san: { dns: ['wrong-host.invalid'] } }
          : { subject: { CN: `WRONG-${o.stationSerial}`.slice(0, 64), O: o.org } },
    },
    { defect: 'weak-key', change: () => ({ key: weak }) },
    { defect: 'self-signed', change: (p) => ({ issuer: p.name }) },
    { defect: 'ca-leaf', change: () => ({ ca: true }) },
  ];
  for (const [base, ca] of [
    [server, 'csms-root'],
    [station, 'station-ca'],
  ] as const) {
    const prefix = base.role === 'csms-server' ? 'csms-server' : 'station';
    for (const v of variants) {
      const p: Plan = { ...base, name: `${prefix}-${v.defect}`, key: rsa, issuer: ca, defect: v.defect };
      plans.push({ ...p, ...v.change(p) });
    }
  }
  return plans;
}

const generate = promisify(generateKeyPair);

async function newKey(spec: KeySpec): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  // Node's (OpenSSL's) keygen, in the thread pool: forge's pure-JS RSA keygen takes seconds per key.
  return spec.type === 'rsa' ? generate('rsa', { modulusLength: spec.bits }) : generate('ec', { namedCurve: 'prime256v1' });
}

function defaultKeyUsage(p: Plan, key: KeyObject): KeyUsageBit[] {
  if (p.keyUsage) return p.keyUsage;
  // keyEncipherment: the static-RSA suites TLS_RSA_WITH_AES_*_GCM (A00.FR.318) encrypt the premaster secret to this key.
  return key.asymmetricKeyType === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
}

function issueAll(plans: Plan[], keys: Map<string, { privateKey: KeyObject; publicKey: KeyObject }>, now: number): Issued[] {
  const byName = new Map(plans.map((p) => [p.name, p]));
  const issued = new Map<string, Issued>();
  const issue = (p: Plan): Issued => {
    const done = issued.get(p.name);
    if (done) return done;
    const own = keys.get(p.name)!;
    const selfSigned = p.issuer === p.name;
    const signer = selfSigned ? undefined : issue(byName.get(p.issuer)!);
    const signerKeys = signer ? { privateKey: signer.privateKey, publicKey: signer.publicKey } : own;
    const certPem = issueCertificate({
      subject: p.subject,
      publicKey: own.publicKey,
      issuer: {
        name: signer ? signer.plan.subject : p.subject,
        privateKey: signerKeys.privateKey,
        keyId: keyIdentifier(signerKeys.publicKey),
      },
      notBefore: new Date(now + p.validFrom),
      notAfter: new Date(now + p.validTo),
      ca: p.ca,
      pathLen: p.pathLen,
      keyUsage: defaultKeyUsage(p, own.publicKey),
      extKeyUsage: p.eku,
      san: p.san,
      subjectKeyId: keyIdentifier(own.publicKey),
    });
    const out: Issued = { plan: p, ...own, certPem };
    issued.set(p.name, out);
    return out;
  };
  return plans.map(issue);
}

/** Creates the file with exactly `mode`, replacing any old one (so an old, wider mode can't leak a new key). */
function writeExclusive(path: string, data: string, mode: number): void {
  rmSync(path, { force: true });
  writeFileSync(path, data, { mode, flag: 'wx' });
  chmodSync(path, mode); // the umask may have narrowed it
}

export async function initPki(opts: InitPkiOptions): Promise<PkiManifest> {
  validate(opts);
  const plans = planPki(opts);
  const dir = opts.outDir;
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`certs init: ${dir} is not a directory; choose another output directory`);
  }
  const ours = [PKI_MANIFEST, ...plans.flatMap((p) => [certFile(p.name), keyFile(p.name)])];
  const present = ours.filter((f) => existsSync(join(dir, f)));
  if (present.length && !opts.force) {
    throw new UsageError(
      `certs init: ${dir} already holds a test PKI (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', ...' : ''}); ` +
        'pass --force to replace it (existing keys are overwritten) or choose another directory',
    );
  }

  const now = (opts.now ?? (() => new Date()))().getTime();
  const keyPairs = await Promise.all(plans.map(async (p) => [p.name, await newKey(p.key)] as const));
  const issued = issueAll(plans, new Map(keyPairs), now);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const manifest: PkiManifest = { artifacts: [] };
  for (const i of issued) {
    const { name, role, issuer, defect } = i.plan;
    writeExclusive(join(dir, keyFile(name)), i.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
    writeExclusive(join(dir, certFile(name)), i.certPem, 0o644);
    manifest.artifacts.push({ name, role, cert: certFile(name), key: keyFile(name), issuer, valid: defect === null, defect });
  }
  // Written last: a run that died half-way leaves no manifest, and the next run still asks for --force.
  writeExclusive(join(dir, PKI_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, 0o644);
  return manifest;
}

export function readPkiManifest(dir: string): PkiManifest {
  const path = join(dir, PKI_MANIFEST);
  if (!existsSync(path)) throw new UsageError(`${path} not found; run "ocpp-harness certs init" first or point to the PKI directory`);
  return JSON.parse(readFileSync(path, 'utf8')) as PkiManifest;
}

/** The artifact and its issuers up to the self-signed one at the top (leaf first). */
export function artifactChain(manifest: PkiManifest, name: string): PkiArtifact[] {
  const chain: PkiArtifact[] = [];
  for (let a = manifest.artifacts.find((x) => x.name === name); a;) {
    chain.push(a);
    if (a.issuer === a.name || chain.length > 10) break;
    const issuer = a.issuer;
    a = manifest.artifacts.find((x) => x.name === issuer);
  }
  if (!chain.length) throw new Error(`no artifact named ${name} in the PKI manifest`);
  return chain;
}

/**
 * CN and O of the valid station certificate of the PKI in `dir`, if there is one: what `certs init`
 * was given as --station-serial and --org. Undefined when the directory holds no PKI.
 */
export function pkiStationSubject(dir: string): { CN?: string; O?: string } | undefined {
  if (!existsSync(join(dir, PKI_MANIFEST))) return undefined;
  const station = readPkiManifest(dir).artifacts.find((a) => a.role === 'station' && a.valid);
  if (!station) return undefined;
  const subject = inspectCertificate(readFileSync(join(dir, station.cert), 'utf8')).subject;
  return { CN: subject.CN, O: subject.O };
}
