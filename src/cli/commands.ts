import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { loadCatalogue } from '../engine/catalogue.js';
import { DEFAULT_CONFIG, REFERENCE_TIMEOUTS, UsageError, loadConfigFile, secretsOf, type SutConfig } from '../core/config.js';
import { EventLog } from '../engine/eventlog.js';
import { parseList, parseSuites, parseSut, parseVersions, selectCases, type Selection } from '../engine/selection.js';
import { ReferenceLink, RealCsmsLink, RealStationLink, profilePassword, tlsMaterialFor, type SutLink } from '../engine/links.js';
import { runSession } from '../wiring/session.js';
import { selfcheck } from '../wiring/selfcheck.js';
import { exitCodeFor } from '../core/verdict.js';
import { countVerdicts, foldEvents } from '../engine/events.js';
import { SchemaRegistry } from '../protocol/schemas.js';
import { systemClock, randomIds } from '../core/clock.js';
import { adapterFromConfig } from '../engine/adapter.js';
import { PeerRegistry } from '../wiring/peer-registry.js';
import { isOcppVersion, OCPP_VERSIONS, type OcppVersion } from '../core/versions.js';
import { Multiplexer, REPORTER_NAMES, createReporters, readEventLogDetailed, renderReports } from '../reporters/index.js';
import type { CaseDefinition } from '../engine/case.js';
import { initPki } from '../pki/index.js';
import { runFuzz, type FuzzTarget } from '../fuzz/driver.js';
import { csmsTarget, isLoopbackHost, referenceTarget, stationTarget } from '../fuzz/targets.js';
import { writeFindings } from '../reporters/sarif.js';
import { CsmsServer } from '../transport/server.js';
import { harnessVersion } from '../engine/session.js';
import { randomBytes } from 'node:crypto';

/** Versions with built-in reference peers in both roles: what reference runs and selfcheck cover by default. */
function referenceVersions(): OcppVersion[] {
  const peers = new PeerRegistry();
  return OCPP_VERSIONS.filter((v) => peers.has(v, 'station') && peers.has(v, 'csms'));
}

export interface CliIo {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

/** Exit codes (README): 0 all pass, 1 a case failed, 2 inconclusive or harness error, 64 bad usage. */
export const EXIT = { ok: 0, fail: 1, inconclusive: 2, usage: 64 } as const;

interface FilterOpts {
  ocpp?: string;
  sut?: string;
  cases?: string;
  exclude?: string;
  block?: string;
  profile?: string;
  tag?: string;
  suite?: string;
}

function addFilters(cmd: Command): Command {
  return cmd
    .option('--ocpp <versions>', 'OCPP versions, comma-separated: 1.6, 2.0.1, 2.1')
    .option('--sut <roles>', 'system under test: cs (a charging station) or csms, comma-separated')
    .option('--cases <ids>', 'case ids or globs, comma-separated (TC_B_*,TC_001_CS)')
    .option('--exclude <ids>', 'case ids or globs to leave out')
    .option('--block <blocks>', 'functional blocks (B,E,Core ...)')
    .option('--profile <profiles>', 'certification profiles (Core ...)')
    .option('--tag <tags>', 'tags')
    .option('--suite <suites>', 'conformance or security');
}

function selectionOf(o: FilterOpts): Selection {
  return {
    ocpp: parseVersions(o.ocpp),
    sut: parseSut(o.sut),
    cases: parseList(o.cases),
    exclude: parseList(o.exclude),
    blocks: parseList(o.block),
    profiles: parseList(o.profile),
    tags: parseList(o.tag),
    suites: parseSuites(o.suite),
  };
}

function parseIntOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name}: "${value}" is not a whole number from ${min} to ${max}`);
  return n;
}

/** `--security-profile 2`, `1,2,3` or `all` (reference runs and selfcheck may cover several). */
function parseProfiles(value: string | undefined, several: boolean): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.trim().toLowerCase() === 'all' ? ['0', '1', '2', '3'] : value.split(',').map((s) => s.trim());
  const out = parts.map((p) => parseIntOption('--security-profile', p, 0, 3)!);
  if (out.length > 1 && !several) throw new UsageError(`--security-profile: "${value}" names several profiles; a real SUT runs on one at a time, give one of 0, 1, 2, 3`);
  if (new Set(out).size !== out.length) throw new UsageError(`--security-profile: "${value}" names a profile twice`);
  return out;
}

function parseReporters(value: string | undefined, fallback: string[]): string[] {
  const names = parseList(value) ?? fallback;
  for (const n of names) if (!(REPORTER_NAMES as readonly string[]).includes(n)) throw new UsageError(`--reporter: unknown reporter "${n}"; use ${REPORTER_NAMES.join(', ')}`);
  return names;
}

function parseListen(value: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || !m[1] || port < 0 || port > 65535) throw new UsageError(`--listen: "${value}" is not HOST:PORT; use e.g. 0.0.0.0:9220`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

function parseTarget(value: string, option = '--target'): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`${option}: "${value}" is not a URL; use e.g. ws://csms.example:8180/ocpp`);
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new UsageError(`${option}: "${value}" must start with ws:// or wss://`);
  return value;
}

interface ConfigOpts {
  config?: string;
  stationId?: string;
  securityProfile?: string;
  certs?: string;
}

function buildConfig(o: ConfigOpts, reference: boolean): SutConfig {
  const base = o.config ? loadConfigFile(o.config) : structuredClone(DEFAULT_CONFIG);
  if (o.stationId !== undefined) {
    if (!/^[^/:]{1,48}$/.test(o.stationId)) throw new UsageError(`--station-id: "${o.stationId}" must be 1 to 48 characters without "/" or ":"`);
    base.stationId = o.stationId;
  }
  const profile = parseIntOption('--security-profile', o.securityProfile, 0, 3);
  if (profile !== undefined) base.security.profile = profile as 0 | 1 | 2 | 3;
  const p = base.security.profile;
  if ((p === 1 || p === 2) && !base.security.basicAuthPassword) {
    if (!reference) throw new UsageError(`--security-profile ${p}: needs security.basicAuthPassword in the --config file (HTTP Basic auth); set a 16 to 40 character password`);
    base.security.basicAuthPassword = 'reference-password-0123456789';
  }
  if (o.certs !== undefined) base.security.certsDir = o.certs;
  if (p >= 2 && !reference) base.security.certsDir ??= 'certs';
  if (reference && !o.config) base.timeouts = { ...REFERENCE_TIMEOUTS };
  return base;
}

async function loadPlan(sel: Selection, io: CliIo): Promise<{ plan: CaseDefinition[]; problems: string[] }> {
  const cat = await loadCatalogue();
  for (const p of cat.problems) io.stderr(`catalogue: ${p}\n`);
  return { plan: selectCases(cat.cases, sel), problems: cat.problems };
}

function handleSignals(controller: AbortController, io: CliIo): () => void {
  let count = 0;
  const onSignal = () => {
    count += 1;
    if (count === 1) {
      io.stderr('\ninterrupted: finishing the current case and writing reports (Ctrl-C again to quit at once)\n');
      controller.abort('interrupted by the user');
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('ocpp-harness')
    .description('Conformance and security test harness for OCPP 1.6J, 2.0.1 and 2.1')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(false);

  addFilters(
    program
      .command('run')
      .description('run the selected cases against a SUT, or against the built-in reference peers with --reference')
      .option('--reference', 'run against the built-in reference peers (both roles, on loopback)')
      .option('--listen <host:port>', 'test a charging station: the mock CSMS listens here (with --sut cs)')
      .option('--target <url>', 'test a CSMS: connect as a station to <url>/<stationId> (with --sut csms)')
      .option('--config <file>', 'SUT configuration file (JSON)')
      .option('--station-id <id>', 'station identity (overrides the config)')
      .option('--security-profile <n>', 'security profile 0 (none), 1 (Basic auth), 2 (TLS + Basic auth) or 3 (mutual TLS); with --reference also several: 1,2,3 or all')
      .option('--certs <dir>', 'test PKI for profiles 2/3 (from `certs init`; sets security.certsDir)')
      .option('--out <dir>', 'report directory', 'reports')
      .option('--reporter <names>', `reporters, comma-separated: ${REPORTER_NAMES.join(', ')}`, REPORTER_NAMES.join(','))
      .option('--concurrency <n>', 'cases at once (reference runs only)')
      .option('--i-own-this-target', 'allow security (attack) cases against a target outside loopback'),
  ).action(async (o: FilterOpts & ConfigOpts & { reference?: boolean; listen?: string; target?: string; out: string; reporter: string; concurrency?: string; iOwnThisTarget?: boolean }) => {
    exitCode = await runCommand(o, io);
  });

  addFilters(program.command('list').description('print the catalogue from metadata alone').option('--json', 'print JSON')).action(
    async (o: FilterOpts & { json?: boolean }) => {
      const { plan } = await loadPlan(selectionOf(o), io);
      if (o.json) {
        io.stdout(`${JSON.stringify(plan.map(({ meta: m }) => ({ id: m.id, title: m.title, ocpp: m.ocpp, sut: m.sut, block: m.block, suite: m.suite, requirements: m.requirements, profiles: m.profiles })), null, 2)}\n`);
      } else {
        for (const { meta: m } of plan) io.stdout(`${m.id.padEnd(18)} ${m.ocpp.padEnd(6)} ${m.sut.padEnd(5)} ${m.block.padEnd(10)} ${m.title}\n`);
        io.stdout(`${plan.length} cases\n`);
      }
    },
  );

  program
    .command('report')
    .description('re-render reports from an event log (also from an interrupted run)')
    .requiredOption('--from <file>', 'run.jsonl to read')
    .option('--reporter <names>', 'reporters', 'junit,html,json,findings')
    .option('--out <dir>', 'output directory', 'reports')
    .action(async (o: { from: string; reporter: string; out: string }) => {
      const names = parseReporters(o.reporter, []);
      let contents;
      try {
        contents = readEventLogDetailed(o.from);
      } catch (err) {
        throw new UsageError(`--from ${o.from}: cannot read the event log (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      for (const s of contents.skipped) io.stderr(`${o.from}:${s.line}: skipped (${s.reason})\n`);
      const run = foldEvents(contents.events);
      const written = await renderReports(run, names, { outDir: resolve(o.out), write: io.stdout, tty: false, color: false });
      for (const w of written) io.stdout(`wrote ${w}\n`);
    });

  const reference = program.command('reference').description('start a reference peer on its own (a simulator, optionally with a fault)');
  for (const role of ['csms', 'station'] as const) {
    reference
      .command(role)
      .description(role === 'csms' ? 'run the reference CSMS' : 'run the reference charging station')
      .option('--ocpp <version>', 'OCPP version', '2.0.1')
      .option('--fault <name>', 'break the peer in this named way')
      .option('--list-faults', 'list the named faults and exit')
      .option('--port <port>', 'port to listen on (csms)', '9220')
      .option('--host <host>', 'address to listen on (csms)', '127.0.0.1')
      .option('--target <url>', 'CSMS URL to connect to (station)')
      .option('--station-id <id>', 'station identity (station)')
      .option('--security-profile <n>', 'security profile 0, 1, 2 (TLS + Basic auth) or 3 (mutual TLS)')
      .option('--certs <dir>', 'test PKI for profiles 2/3 (default: a temporary one)')
      .option('--config <file>', 'configuration file (ids, tokens, timeouts)')
      .action(async (o: ConfigOpts & { ocpp: string; fault?: string; listFaults?: boolean; port: string; host: string; target?: string }) => {
        exitCode = await referenceCommand(role, o, io);
      });
  }

  program
    .command('fuzz')
    .description('seeded, schema-aware fuzzing of a SUT (loopback only unless --i-own-this-target)')
    .requiredOption('--sut <role>', 'cs (fuzz a charging station) or csms (fuzz a CSMS)')
    .requiredOption('--ocpp <version>', 'OCPP version: 1.6, 2.0.1 or 2.1')
    .option('--seed <seed>', 'seed; the same seed sends the same frames (default: random, printed)')
    .option('--count <n>', 'mutations at most', '2000')
    .option('--duration <time>', 'time budget, e.g. 60s, 5m, 500ms', '60s')
    .option('--target <url>', 'CSMS URL to fuzz (with --sut csms)')
    .option('--listen <host:port>', 'listen for the station to fuzz (with --sut cs)')
    .option('--reference', 'fuzz a built-in reference peer on loopback')
    .option('--fault <name>', 'with --reference: break the peer in this named way')
    .option('--config <file>', 'SUT configuration file (station id, password, timeouts)')
    .option('--message-timeout <ms>', 'how long to wait for each answer and probe (default: 300 for --reference, else the config)')
    .option('--stop-after-findings <n>', 'stop once this many distinct findings exist')
    .option('--record <file>', 'write every frame the fuzzer sends, one per line, exactly as sent')
    .option('--out <dir>', 'where findings.json and findings.sarif go', 'reports')
    .option('--json', 'print a JSON summary {seed, frames, findings}')
    .option('--i-own-this-target', 'allow a target outside loopback (you must own or be authorised to test it)')
    .action(async (o: FuzzCliOptions) => {
      exitCode = await fuzzCommand(o, io);
    });

  program
    .command('certs')
    .description('test PKI for security profiles 2 and 3')
    .command('init')
    .description('create a complete test PKI (CSMS root and server certificates, station CA and certificate, roots, invalid variants)')
    .option('--out <dir>', 'output directory', 'certs')
    .option('--station-serial <serial>', 'charging station serial number (the station certificate CN)', 'CP001')
    .option('--org <name>', 'organisation (the station certificate O)', 'ocpp-harness test CPO')
    .option('--csms-host <host>', 'CSMS host name (server certificate CN and SAN)', 'localhost')
    .option('--force', 'replace an existing PKI in the directory')
    .action(async (o: { out: string; stationSerial: string; org: string; csmsHost: string; force?: boolean }) => {
      const manifest = await initPki({ outDir: resolve(o.out), stationSerial: o.stationSerial, org: o.org, csmsHost: o.csmsHost, force: o.force });
      for (const a of manifest.artifacts) io.stdout(`${a.valid ? 'valid  ' : 'invalid'} ${a.name.padEnd(34)} ${a.role.padEnd(18)} ${a.defect ?? ''}\n`);
      io.stdout(`wrote ${manifest.artifacts.length} artifacts and ${resolve(o.out, 'pki.json')} (private keys mode 0600)\n`);
    });

  addFilters(
    program
      .command('selfcheck')
      .description('prove the catalogue: each case passes on the reference peer and fails on its fault')
      .option('--json', 'print JSON')
      .option('--concurrency <n>', 'cases at once', '4')
      .option('--security-profile <n>', 'run the reference peers on security profile 0, 1, 2 or 3; several (0,1,2,3 or all) prove each case at every profile it applies to')
      .option('--certs <dir>', 'test PKI for profiles 2/3 (default: a temporary one)')
      .option('--log <file>', 'also write the event log of both passes here'),
  ).action(async (o: FilterOpts & { json?: boolean; concurrency: string; log?: string; securityProfile?: string; certs?: string }) => {
    const sel = selectionOf(o);
    const { plan, problems } = await loadPlan({ ...sel, ocpp: sel.ocpp ?? referenceVersions() }, io);
    const profiles = parseProfiles(o.securityProfile, true) ?? [undefined];
    const report = { cases: 0, passOnReference: 0, failOnFault: 0, problems: [...problems] };
    for (const p of profiles) {
      const config = buildConfig({ securityProfile: p === undefined ? undefined : String(p), certs: o.certs }, true);
      await tlsMaterialFor(config, true);
      const one = await selfcheck({ plan, config, concurrency: parseIntOption('--concurrency', o.concurrency, 1, 64) ?? 4, logPath: o.log && profiles.length > 1 ? `${o.log}.SP${p}` : o.log });
      if (profiles.length > 1) io.stderr(`security profile ${p}: cases ${one.cases}, pass-on-reference ${one.passOnReference}, fail-on-fault ${one.failOnFault}\n`);
      report.cases += one.cases;
      report.passOnReference += one.passOnReference;
      report.failOnFault += one.failOnFault;
      report.problems.push(...one.problems.map((x) => (profiles.length > 1 ? `[SP${p}] ${x}` : x)));
    }
    if (o.json) io.stdout(`${JSON.stringify(report)}\n`);
    else {
      for (const p of report.problems) io.stdout(`problem: ${p}\n`);
      io.stdout(`cases ${report.cases}, pass-on-reference ${report.passOnReference}, fail-on-fault ${report.failOnFault}\n`);
    }
    const ok = report.cases > 0 && report.cases === report.passOnReference && report.cases === report.failOnFault && report.problems.length === 0;
    exitCode = ok ? EXIT.ok : EXIT.fail;
  });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr(`ocpp-harness: ${err.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`ocpp-harness: harness error: ${(err as Error).stack ?? err}\n`);
    return EXIT.inconclusive;
  }
  return exitCode;
}

/**
 * A reference run over several security profiles: every case once per profile it applies to,
 * in one event log and one set of reports (ids carry [SPn]).
 */
async function runProfiles(
  o: FilterOpts & ConfigOpts & { listen?: string; target?: string; out: string; reporter: string; concurrency?: string },
  profiles: number[],
  io: CliIo,
): Promise<number> {
  if (o.listen || o.target) throw new UsageError('--reference runs against the built-in peers; leave out --listen and --target');
  const sel = selectionOf(o);
  sel.ocpp ??= referenceVersions();
  const reporters = parseReporters(o.reporter, [...REPORTER_NAMES]);
  const concurrency = parseIntOption('--concurrency', o.concurrency, 1, 64) ?? 2;
  const clock = systemClock;
  const schemas = new SchemaRegistry();
  const peers = new PeerRegistry();
  const { plan } = await loadPlan(sel, io);
  if (plan.length === 0) throw new UsageError('no case matches the filters; try `ocpp-harness list` with the same filters');
  const configs = profiles.map((p) => buildConfig({ ...o, securityProfile: String(p) }, true));
  for (const c of configs) await tlsMaterialFor(c, true);
  // Only the cases that apply at each profile are planned there.
  const plans = configs.map((c) => plan.filter((d) => !d.meta.securityProfiles || d.meta.securityProfiles.includes(c.security.profile)));
  const outDir = resolve(o.out);
  const live = new Multiplexer(createReporters(reporters, { outDir, write: io.stdout, tty: io.isTTY, color: io.isTTY }));
  const controller = new AbortController();
  const release = handleSignals(controller, io);
  const log = new EventLog(resolve(outDir, 'run.jsonl'), configs.flatMap(secretsOf));
  log.subscribe((e) => live.onEvent(e));
  const started = clock.monotonic();
  try {
    log.append({
      type: 'run-start',
      runId: randomIds.next(),
      time: new Date(clock.now()).toISOString(),
      harnessVersion: harnessVersion(),
      target: { sut: [...new Set(plan.map((d) => d.meta.sut))], ocpp: [...new Set(plan.map((d) => d.meta.ocpp))], mode: 'reference', description: `built-in reference peers (loopback) on security profiles ${profiles.join(', ')}` },
      plannedCases: plans.flatMap((pl) => pl.map((d) => d.meta.id)),
      securityProfiles: profiles,
    });
    const verdicts: string[] = [];
    for (let i = 0; i < configs.length && !controller.signal.aborted; i++) {
      const config = configs[i]!;
      const link = new ReferenceLink({ config, peers, schemas, clock, ids: randomIds });
      const r = await runSession({ plan: plans[i]!, config, link, mode: 'reference', concurrency, abort: controller.signal, clock, schemas, log, bare: true, runKeyPrefix: `SP${config.security.profile}:` });
      verdicts.push(...r.outcomes.map((x) => x.result.verdict));
    }
    const run = foldEvents(log.events);
    log.append({ type: 'run-end', time: new Date(clock.now()).toISOString(), durationMs: Math.round(clock.monotonic() - started), counts: countVerdicts(run.cases), interrupted: controller.signal.aborted });
    log.close();
    const written = await live.finish(foldEvents(log.events));
    for (const e of live.errors) io.stderr(`reporter error: ${e}\n`);
    io.stdout(`reports: ${[resolve(outDir, 'run.jsonl'), ...written].join(', ')}\n`);
    if (controller.signal.aborted) return EXIT.inconclusive;
    return exitCodeFor(verdicts as Parameters<typeof exitCodeFor>[0]);
  } finally {
    release();
  }
}

async function runCommand(
  o: FilterOpts & ConfigOpts & { reference?: boolean; listen?: string; target?: string; out: string; reporter: string; concurrency?: string; iOwnThisTarget?: boolean },
  io: CliIo,
): Promise<number> {
  const sel = selectionOf(o);
  const reporters = parseReporters(o.reporter, [...REPORTER_NAMES]);
  const concurrency = parseIntOption('--concurrency', o.concurrency, 1, 64);
  let link: SutLink;
  let config: SutConfig;
  const clock = systemClock;
  const schemas = new SchemaRegistry();
  const profiles = parseProfiles(o.securityProfile, o.reference === true);
  if (o.reference && profiles && profiles.length > 1) return runProfiles(o, profiles, io);
  if (o.reference) {
    if (o.listen || o.target) throw new UsageError('--reference runs against the built-in peers; leave out --listen and --target');
    config = buildConfig(o, true);
    await tlsMaterialFor(config, true);
    sel.ocpp ??= referenceVersions();
    link = new ReferenceLink({ config, peers: new PeerRegistry(), schemas, clock, ids: randomIds });
  } else {
    const sut = sel.sut;
    if (!sut || sut.length !== 1) throw new UsageError('--sut: say which SUT to test: --sut cs (with --listen) or --sut csms (with --target); or use --reference');
    const versions = sel.ocpp;
    if (!versions || versions.length !== 1) throw new UsageError('--ocpp: give exactly one OCPP version for a real SUT (1.6, 2.0.1 or 2.1)');
    config = buildConfig(o, false);
    await tlsMaterialFor(config, false);
    const adapter = adapterFromConfig(config.adapter, { input: io.stdin, output: process.stderr, isTTY: io.isTTY });
    if (sut[0] === 'cs') {
      if (!o.listen) throw new UsageError('--listen: required with --sut cs; the station connects to ws://<host>:<port>/<stationId>, e.g. --listen 0.0.0.0:9220');
      if (o.target) throw new UsageError('--target: goes with --sut csms; a station under test connects to --listen');
      const l = parseListen(o.listen);
      const real = new RealStationLink({ ...l, version: versions[0], config, adapter, monotonic: () => clock.monotonic() });
      const port = await real.listen();
      io.stderr(`mock CSMS listening; point the station at ${config.security.profile >= 2 ? 'wss' : 'ws'}://${l.host === '0.0.0.0' ? '<this-host>' : l.host}:${port}/${config.stationId}\n`);
      link = real;
    } else {
      if (!o.target) throw new UsageError('--target: required with --sut csms; give the CSMS URL, e.g. --target ws://csms.example:8180/ocpp');
      if (o.listen) throw new UsageError('--listen: goes with --sut cs; a CSMS under test is reached with --target');
      const scheme = new URL(parseTarget(o.target)).protocol;
      if (config.security.profile >= 2 && scheme !== 'wss:') throw new UsageError(`--target: security profile ${config.security.profile} uses TLS; give a wss:// URL`);
      if (config.security.profile < 2 && scheme === 'wss:') throw new UsageError(`--target: wss:// needs security profile 2 or 3 (--security-profile or security.profile); use ws:// for profile ${config.security.profile}`);
      link = new RealCsmsLink({ target: parseTarget(o.target), config, adapter });
    }
  }
  const { plan } = await loadPlan(sel, io);
  if (plan.length === 0) throw new UsageError('no case matches the filters; try `ocpp-harness list` with the same filters');
  if (!o.reference && !o.iOwnThisTarget && plan.some((d) => d.meta.suite === 'security')) {
    const host = o.target ? new URL(o.target).hostname : parseListen(o.listen ?? '127.0.0.1:0').host;
    if (!isLoopbackHost(host)) {
      throw new UsageError(
        `security (attack) cases send hostile traffic; ${o.target ? `--target host ${host}` : `--listen host ${host}`} is not loopback. Pass --i-own-this-target if you own or are authorised to test this SUT, or select --suite conformance`,
      );
    }
  }
  const outDir = resolve(o.out);
  const ropts = { outDir, write: io.stdout, tty: io.isTTY, color: io.isTTY };
  const live = new Multiplexer(createReporters(reporters, ropts));
  const controller = new AbortController();
  const release = handleSignals(controller, io);
  try {
    const result = await runSession({
      plan,
      config,
      link,
      outDir,
      mode: o.reference ? 'reference' : 'sut',
      concurrency: o.reference ? (concurrency ?? 2) : 1,
      abort: controller.signal,
      clock,
      schemas,
      listeners: [(e) => live.onEvent(e)],
    });
    result.log.close();
    const written = await live.finish(result.run);
    for (const e of live.errors) io.stderr(`reporter error: ${e}\n`);
    io.stdout(`reports: ${[resolve(outDir, 'run.jsonl'), ...written].join(', ')}\n`);
    if (result.interrupted) return EXIT.inconclusive;
    return exitCodeFor(result.outcomes.map((x) => x.result.verdict));
  } finally {
    release();
    await link.close();
  }
}

interface FuzzCliOptions extends ConfigOpts {
  sut: string;
  ocpp: string;
  seed?: string;
  count: string;
  duration: string;
  target?: string;
  listen?: string;
  reference?: boolean;
  fault?: string;
  messageTimeout?: string;
  stopAfterFindings?: string;
  record?: string;
  out: string;
  json?: boolean;
  iOwnThisTarget?: boolean;
}

export function parseDuration(value: string, option = '--duration'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new UsageError(`${option}: "${value}" is not a duration; use e.g. 500ms, 60s, 5m`);
  const n = Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as Record<string, number>)[m[2] ?? 's'];
  if (n <= 0 || n > 24 * 3_600_000) throw new UsageError(`${option}: "${value}" must be more than 0 and at most 24h`);
  return Math.round(n);
}

async function fuzzCommand(o: FuzzCliOptions, io: CliIo): Promise<number> {
  const sut = parseSut(o.sut);
  if (!sut || sut.length !== 1) throw new UsageError('--sut: give one role, cs or csms');
  const versions = parseVersions(o.ocpp);
  if (!versions || versions.length !== 1) throw new UsageError('--ocpp: give one version, 1.6, 2.0.1 or 2.1');
  const version = versions[0];
  const modes = [o.reference, o.target, o.listen].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('say what to fuzz: --reference (built-in peer), --target URL (a CSMS) or --listen HOST:PORT (a station)');
  if (o.target && sut[0] !== 'csms') throw new UsageError('--target goes with --sut csms');
  if (o.listen && sut[0] !== 'cs') throw new UsageError('--listen goes with --sut cs');
  if (o.fault && !o.reference) throw new UsageError('--fault goes with --reference');
  const count = parseIntOption('--count', o.count, 1, 10_000_000)!;
  const durationMs = parseDuration(o.duration);
  const stopAfterFindings = parseIntOption('--stop-after-findings', o.stopAfterFindings, 1, 100_000);
  const seed = o.seed ?? randomBytes(6).toString('hex');
  const config = buildConfig(o, Boolean(o.reference) && !o.config);
  if (config.security.profile >= 2) throw new UsageError(`security.profile: the fuzzer connects on security profile 0 or 1 only; set 0 or 1 (got ${config.security.profile})`);
  const messageMs = parseIntOption('--message-timeout', o.messageTimeout, 10, 600_000) ?? (o.reference ? 300 : config.timeouts.messageMs);
  const validator = new SchemaRegistry().for(version);
  const password = config.security.profile === 1 ? config.security.basicAuthPassword : undefined;
  let target: FuzzTarget;
  let targetArgs: string[];
  if (o.reference) {
    const peers = new PeerRegistry();
    if (!peers.has(version, sut[0] === 'cs' ? 'station' : 'csms')) throw new UsageError(`--ocpp: there is no reference ${sut[0] === 'cs' ? 'station' : 'CSMS'} for OCPP ${version}; use 1.6 or 2.0.1`);
    if (o.fault && !peers.faults(version, sut[0] === 'cs' ? 'station' : 'csms').some((f) => f.name === o.fault)) {
      throw new UsageError(`--fault: the ${version} reference ${sut[0] === 'cs' ? 'station' : 'csms'} has no fault "${o.fault}"; see ocpp-harness reference ${sut[0] === 'cs' ? 'station' : 'csms'} --ocpp ${version} --list-faults`);
    }
    target = await referenceTarget({ sut: sut[0], version, fault: o.fault, config, peers, validator, clock: systemClock, ids: randomIds });
    targetArgs = ['--reference', ...(o.fault ? ['--fault', o.fault] : [])];
  } else if (o.target) {
    const url = parseTarget(o.target);
    const host = new URL(url).hostname;
    if (!isLoopbackHost(host) && !o.iOwnThisTarget) throw new UsageError(`--target: ${host} is not loopback; fuzzing sends hostile traffic. Pass --i-own-this-target if you own or are authorised to test it`);
    target = csmsTarget({ url, identity: config.stationId, version, password, connectMs: config.timeouts.connectMs });
    targetArgs = ['--target', url, ...(o.iOwnThisTarget ? ['--i-own-this-target'] : [])];
  } else {
    const l = parseListen(o.listen!);
    if (!isLoopbackHost(l.host) && !o.iOwnThisTarget) throw new UsageError(`--listen: ${l.host} is not loopback; a station connecting from elsewhere would receive hostile traffic. Pass --i-own-this-target if you own or are authorised to test it`);
    const server = new CsmsServer({ host: l.host, port: l.port, version, identity: config.stationId, basicAuthPassword: password, monotonic: () => performance.now() });
    const port = await server.listen();
    io.stderr(`fuzzer listening; point the station at ws://${l.host}:${port}/${config.stationId}\n`);
    target = stationTarget({ server, connectMs: config.timeouts.connectMs });
    targetArgs = ['--listen', o.listen!, ...(o.iOwnThisTarget ? ['--i-own-this-target'] : [])];
  }
  const controller = new AbortController();
  const release = handleSignals(controller, io);
  let result;
  try {
    result = await runFuzz({
      version,
      seed,
      count,
      durationMs,
      messageMs,
      validator,
      target,
      recordFile: o.record ? resolve(o.record) : undefined,
      stopAfterFindings,
      abort: controller.signal,
      log: o.json ? undefined : (line) => io.stderr(`${line}\n`),
    });
  } finally {
    release();
  }
  const written = await writeFindings(resolve(o.out), result.findings, { name: 'ocpp-harness', version: harnessVersion() });
  const configArg = o.config ? ['--config', o.config] : [];
  const replay = ['npx ocpp-harness fuzz', '--sut', sut[0], '--ocpp', version, ...targetArgs, ...configArg, '--seed', seed, '--count', String(result.mutations), '--duration', `${Math.max(60, Math.ceil((result.durationMs * 2) / 1000))}s`, ...(o.messageTimeout ? ['--message-timeout', o.messageTimeout] : [])].join(' ');
  if (o.json) {
    io.stdout(`${JSON.stringify({ seed, frames: result.frames, mutations: result.mutations, ended: result.ended, findings: result.findings, replay })}\n`);
  } else {
    io.stdout(`seed ${seed}: ${result.mutations} mutations, ${result.frames} frames in ${(result.durationMs / 1000).toFixed(1)} s (ended: ${result.ended})\n`);
    for (const f of result.findings) {
      io.stdout(`[${f.severity}] ${f.id}: ${f.title}\n    frame: ${f.frames[0]?.slice(0, 300)}\n`);
      if (f.replay) io.stdout(`    replay: ${f.replay}\n`);
    }
    io.stdout(`${result.findings.length} finding(s); written to ${written.json} and ${written.sarif}\n`);
    io.stdout(`replay this run exactly: ${replay}\n`);
  }
  return result.findings.length > 0 ? EXIT.fail : result.ended === 'aborted' ? EXIT.inconclusive : EXIT.ok;
}

async function referenceCommand(
  role: 'csms' | 'station',
  o: ConfigOpts & { ocpp: string; fault?: string; listFaults?: boolean; port: string; host: string; target?: string },
  io: CliIo,
): Promise<number> {
  const versions = parseVersions(o.ocpp);
  if (!versions || versions.length !== 1 || !isOcppVersion(versions[0])) throw new UsageError('--ocpp: give one version, 1.6 or 2.0.1');
  const version: OcppVersion = versions[0];
  const peers = new PeerRegistry();
  if (!peers.has(version, role)) throw new UsageError(`--ocpp: there is no reference ${role} for OCPP ${version}; use 1.6 or 2.0.1`);
  const faults = peers.faults(version, role);
  if (o.listFaults) {
    for (const f of faults) io.stdout(`${f.name.padEnd(36)} ${f.description}\n`);
    return EXIT.ok;
  }
  if (o.fault && !faults.some((f) => f.name === o.fault)) {
    throw new UsageError(`--fault: the ${version} reference ${role} has no fault "${o.fault}"; see --list-faults`);
  }
  const config = buildConfig(o, !o.config);
  const common = {
    version,
    validator: new SchemaRegistry().for(version),
    faults: new Set(o.fault ? [o.fault] : []),
    config,
    clock: systemClock,
    ids: randomIds,
    log: (line: string) => io.stderr(`${line}\n`),
  };
  const password = profilePassword(config);
  const tls = await tlsMaterialFor(config, true);
  let stop: () => Promise<void>;
  if (role === 'csms') {
    const port = parseIntOption('--port', o.port, 0, 65535) ?? 9220;
    const csms = await peers.csms(version).start({ ...common, host: o.host, port, basicAuthPassword: password, tls });
    io.stdout(`reference CSMS (OCPP ${version}${o.fault ? `, fault ${o.fault}` : ''}) listening at ${csms.url}/<stationId>\n`);
    stop = () => csms.stop();
  } else {
    if (!o.target) throw new UsageError('--target: required for the reference station; give the CSMS URL, e.g. ws://127.0.0.1:9220/ocpp');
    const target = parseTarget(o.target);
    if (tls && !target.startsWith('wss://')) throw new UsageError(`--target: security profile ${config.security.profile} uses TLS; give a wss:// URL`);
    const station = await peers.station(version).start({ ...common, target, identity: config.stationId, basicAuthPassword: password, tls });
    io.stdout(`reference station "${config.stationId}" (OCPP ${version}${o.fault ? `, fault ${o.fault}` : ''}) connecting to ${o.target}/${config.stationId}\n`);
    stop = () => station.stop();
  }
  await new Promise<void>((resolveStop) => {
    const done = () => resolveStop();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stop();
  return EXIT.ok;
}

export { Option };
