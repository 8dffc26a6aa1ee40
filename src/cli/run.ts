import { resolve } from 'node:path';
import { UsageError, limitsOf, secretsOf, strictnessOf, type SutConfig } from '../core/config.js';
import { EventLog } from '../engine/eventlog.js';
import { ReferenceLink, RealCsmsLink, RealStationLink, tlsMaterialFor, type SutLink } from '../engine/links.js';
import { runSession } from '../wiring/session.js';
import { exitCodeFor } from '../core/verdict.js';
import { countVerdicts, foldEvents } from '../engine/events.js';
import { SchemaRegistry } from '../protocol/schemas.js';
import { systemClock, randomIds } from '../core/clock.js';
import { adapterFromConfig } from '../engine/adapter.js';
import { PeerRegistry } from '../wiring/peer-registry.js';
import { Multiplexer, REPORTER_NAMES, createReporters } from '../reporters/index.js';
import { isLoopbackHost } from '../fuzz/targets.js';
import { harnessVersion } from '../engine/session.js';
import { runIdentity, type RunIdentity } from '../engine/run-identity.js';
import type { CaseDefinition } from '../engine/case.js';
import { shardOf, type ShardOpts } from './shard.js';
import { clearReports, finishReports, signingKeyOf } from './reports.js';
import { profilePlans } from './kept-once.js';
import {
  type CliIo,
  EXIT,
  type FilterOpts,
  type ConfigOpts,
  selectionOf,
  parseIntOption,
  parseProfiles,
  parseReporters,
  parseListen,
  parseTarget,
  buildConfig,
  loadPlan,
  handleSignals,
  referenceVersions,
} from './options.js';

/** The run identity of run-start, with the whole catalogue's per-profile totals. */
function identityOf(configs: SutConfig[], plan: CaseDefinition[], all: CaseDefinition[]): RunIdentity {
  return runIdentity({ configs, plan: plan.map((d) => d.meta), all: all.map((d) => d.meta), harnessVersion: harnessVersion() });
}

/**
 * A reference run over several security profiles: every case once per profile it applies to,
 * in one event log and one set of reports (ids carry [SPn]).
 */
export async function runProfiles(
  o: FilterOpts &
    ConfigOpts &
    ShardOpts & { listen?: string; target?: string; out: string; reporter: string; concurrency?: string; signKey?: string },
  profiles: number[],
  io: CliIo,
): Promise<number> {
  if (o.listen || o.target) throw new UsageError('--reference runs against the built-in peers; leave out --listen and --target');
  const sel = selectionOf(o);
  const askedFor21 = sel.ocpp?.includes('2.1') ?? false;
  sel.ocpp ??= referenceVersions();
  const reporters = parseReporters(o.reporter, [...REPORTER_NAMES]);
  const signingKey = signingKeyOf(o.signKey);
  const concurrency = parseIntOption('--concurrency', o.concurrency, 1, 64) ?? 2;
  const clock = systemClock;
  const schemas = new SchemaRegistry();
  const peers = new PeerRegistry();
  const selected = await loadPlan(sel, io);
  if (selected.plan.length === 0) throw new UsageError('no case matches the filters; try `ocpp-harness list` with the same filters');
  const all = selected.all;
  const { plan, shard } = shardOf(
    selected.plan,
    o,
    io,
    (m) => profiles.filter((p) => (m.securityProfiles as readonly number[] | undefined)?.includes(p) ?? true).length || 1,
  );
  const configs = profiles.map((p) => buildConfig({ ...o, securityProfile: String(p) }, true));
  for (const c of configs) await tlsMaterialFor(c, true);
  // Only the cases that apply at each profile are planned there.
  const plans = profilePlans(plan, configs, askedFor21);
  const outDir = resolve(o.out);
  await clearReports(outDir);
  const live = new Multiplexer(createReporters(reporters, { outDir, write: io.stdout, tty: io.isTTY, color: io.isTTY }));
  const controller = new AbortController();
  const interrupt = new AbortController();
  const release = handleSignals(controller, io, interrupt);
  const log = new EventLog(resolve(outDir, 'run.jsonl'), configs.flatMap(secretsOf), limitsOf(configs[0]!));
  log.subscribe((e) => live.onEvent(e));
  const started = clock.monotonic();
  try {
    log.append({
      type: 'run-start',
      runId: randomIds.next(),
      time: new Date(clock.now()).toISOString(),
      harnessVersion: harnessVersion(),
      target: {
        sut: [...new Set(plan.map((d) => d.meta.sut))],
        ocpp: [...new Set(plan.map((d) => d.meta.ocpp))],
        mode: 'reference',
        description: `built-in reference peers (loopback) on security profiles ${profiles.join(', ')}`,
      },
      plannedCases: plans.flatMap((pl) => pl.map((d) => d.meta.id)),
      securityProfiles: profiles,
      strictness: strictnessOf(configs[0] ?? {}),
      identity: identityOf(configs, plan, all),
      ...(shard ? { shard } : {}),
    });
    const verdicts: string[] = [];
    for (let i = 0; i < configs.length && !controller.signal.aborted; i++) {
      const config = configs[i]!;
      const link = new ReferenceLink({ config, peers, schemas, clock, ids: randomIds });
      const r = await runSession({
        plan: plans[i]!,
        config,
        link,
        mode: 'reference',
        concurrency,
        abort: controller.signal,
        interrupt: interrupt.signal,
        clock,
        schemas,
        log,
        bare: true,
        runKeyPrefix: `SP${config.security.profile}:`,
      });
      verdicts.push(...r.outcomes.map((x) => x.result.verdict));
    }
    const run = foldEvents(log.events);
    log.append({
      type: 'run-end',
      time: new Date(clock.now()).toISOString(),
      durationMs: Math.round(clock.monotonic() - started),
      counts: countVerdicts(run.cases),
      interrupted: controller.signal.aborted,
    });
    log.close();
    const reported = await finishReports(live, foldEvents(log.events), outDir, io, signingKey);
    if (controller.signal.aborted || !reported) return EXIT.inconclusive;
    return exitCodeFor(verdicts as Parameters<typeof exitCodeFor>[0]);
  } finally {
    release();
  }
}

/** Why a listen failed, in the user's terms: a busy port or a bad address is a usage problem. */
const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'the port is in use by another program; stop it or choose another port',
  EACCES: 'not allowed to listen there (ports below 1024 need privileges); choose a port from 1024 up',
  EADDRNOTAVAIL: 'this host has no such address; use 0.0.0.0 (all addresses) or one of its own',
};

async function listenOrExplain(link: RealStationLink, at: { host: string; port: number }): Promise<number> {
  try {
    return await link.listen();
  } catch (err) {
    const problem = LISTEN_PROBLEMS[(err as NodeJS.ErrnoException).code ?? ''];
    if (!problem) throw err;
    throw new UsageError(`--listen ${at.host}:${at.port}: ${problem}`);
  }
}

export async function runCommand(
  o: FilterOpts &
    ConfigOpts &
    ShardOpts & {
      reference?: boolean;
      listen?: string;
      target?: string;
      out: string;
      reporter: string;
      concurrency?: string;
      iOwnThisTarget?: boolean;
      signKey?: string;
    },
  io: CliIo,
): Promise<number> {
  const sel = selectionOf(o);
  const reporters = parseReporters(o.reporter, [...REPORTER_NAMES]);
  const signingKey = signingKeyOf(o.signKey);
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
    if (!sut || sut.length !== 1)
      throw new UsageError('--sut: say which SUT to test: --sut cs (with --listen) or --sut csms (with --target); or use --reference');
    const versions = sel.ocpp;
    if (!versions || versions.length !== 1)
      throw new UsageError('--ocpp: give exactly one OCPP version for a real SUT (1.6, 2.0.1 or 2.1)');
    config = buildConfig(o, false);
    await tlsMaterialFor(config, false);
    const adapter = adapterFromConfig(config.adapter, { input: io.stdin, output: process.stderr, isTTY: io.isTTY });
    if (sut[0] === 'cs') {
      if (!o.listen)
        throw new UsageError(
          '--listen: required with --sut cs; the station connects to ws://<host>:<port>/<stationId>, e.g. --listen 0.0.0.0:9220',
        );
      if (o.target) throw new UsageError('--target: goes with --sut csms; a station under test connects to --listen');
      const l = parseListen(o.listen);
      const real = new RealStationLink({ ...l, version: versions[0], config, adapter, monotonic: () => clock.monotonic() });
      const port = await listenOrExplain(real, l);
      io.stderr(
        `mock CSMS listening; point the station at ${config.security.profile >= 2 ? 'wss' : 'ws'}://${l.host === '0.0.0.0' ? '<this-host>' : l.host}:${port}/${config.stationId}\n`,
      );
      link = real;
    } else {
      if (!o.target)
        throw new UsageError('--target: required with --sut csms; give the CSMS URL, e.g. --target ws://csms.example:8180/ocpp');
      if (o.listen) throw new UsageError('--listen: goes with --sut cs; a CSMS under test is reached with --target');
      const scheme = new URL(parseTarget(o.target)).protocol;
      if (config.security.profile >= 2 && scheme !== 'wss:')
        throw new UsageError(`--target: security profile ${config.security.profile} uses TLS; give a wss:// URL`);
      if (config.security.profile < 2 && scheme === 'wss:')
        throw new UsageError(
          `--target: wss:// needs security profile 2 or 3 (--security-profile or security.profile); use ws:// for profile ${config.security.profile}`,
        );
      link = new RealCsmsLink({ target: parseTarget(o.target), config, adapter });
    }
  }
  const selected = await loadPlan(sel, io);
  if (selected.plan.length === 0) throw new UsageError('no case matches the filters; try `ocpp-harness list` with the same filters');
  const all = selected.all;
  const { plan, shard } = shardOf(selected.plan, o, io);
  if (!o.reference && !o.iOwnThisTarget && plan.some((d) => d.meta.suite === 'security')) {
    const host = o.target ? new URL(o.target).hostname : parseListen(o.listen ?? '127.0.0.1:0').host;
    if (!isLoopbackHost(host)) {
      throw new UsageError(
        `security (attack) cases send hostile traffic; ${o.target ? `--target host ${host}` : `--listen host ${host}`} is not loopback. Pass --i-own-this-target if you own or are authorised to test this SUT, or select --suite conformance`,
      );
    }
  }
  const outDir = resolve(o.out);
  await clearReports(outDir);
  const ropts = { outDir, write: io.stdout, tty: io.isTTY, color: io.isTTY };
  const live = new Multiplexer(createReporters(reporters, ropts));
  const controller = new AbortController();
  const interrupt = new AbortController();
  const release = handleSignals(controller, io, interrupt);
  try {
    const result = await runSession({
      plan,
      config,
      link,
      outDir,
      mode: o.reference ? 'reference' : 'sut',
      concurrency: o.reference ? (concurrency ?? 2) : 1,
      abort: controller.signal,
      interrupt: interrupt.signal,
      clock,
      schemas,
      listeners: [(e) => live.onEvent(e)],
      identity: identityOf([config], plan, all),
      shard,
    });
    result.log.close();
    const reported = await finishReports(live, result.run, outDir, io, signingKey);
    if (result.interrupted || !reported) return EXIT.inconclusive;
    return exitCodeFor(result.outcomes.map((x) => x.result.verdict));
  } finally {
    release();
    await link.close();
  }
}
