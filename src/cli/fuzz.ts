import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderCoverage } from '../fuzz/coverage.js';
import { UsageError } from '../core/config.js';
import { parseSut, parseVersions } from '../engine/selection.js';
import { SchemaRegistry } from '../protocol/schemas.js';
import { systemClock, randomIds } from '../core/clock.js';
import { PeerRegistry } from '../wiring/peer-registry.js';
import { runFuzz, type FuzzTarget } from '../fuzz/driver.js';
import { csmsTarget, isLoopbackHost, referenceTarget, stationTarget } from '../fuzz/targets.js';
import { writeFindings } from '../reporters/sarif.js';
import { CsmsServer } from '../transport/server.js';
import { harnessVersion } from '../engine/session.js';
import { randomBytes } from 'node:crypto';
import { type CliIo, EXIT, type ConfigOpts, parseIntOption, parseListen, parseTarget, buildConfig, handleSignals } from './options.js';

export interface FuzzCliOptions extends ConfigOpts {
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
  connections: string;
  probeEvery: string;
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

export async function fuzzCommand(o: FuzzCliOptions, io: CliIo): Promise<number> {
  const sut = parseSut(o.sut);
  if (!sut || sut.length !== 1) throw new UsageError('--sut: give one role, cs or csms');
  const versions = parseVersions(o.ocpp);
  if (!versions || versions.length !== 1) throw new UsageError('--ocpp: give one version, 1.6, 2.0.1 or 2.1');
  const version = versions[0];
  const modes = [o.reference, o.target, o.listen].filter(Boolean).length;
  if (modes !== 1)
    throw new UsageError('say what to fuzz: --reference (built-in peer), --target URL (a CSMS) or --listen HOST:PORT (a station)');
  if (o.target && sut[0] !== 'csms') throw new UsageError('--target goes with --sut csms');
  if (o.listen && sut[0] !== 'cs') throw new UsageError('--listen goes with --sut cs');
  if (o.fault && !o.reference) throw new UsageError('--fault goes with --reference');
  const count = parseIntOption('--count', o.count, 1, 10_000_000)!;
  const durationMs = parseDuration(o.duration);
  const stopAfterFindings = parseIntOption('--stop-after-findings', o.stopAfterFindings, 1, 100_000);
  const seed = o.seed ?? randomBytes(6).toString('hex');
  const config = buildConfig(o, Boolean(o.reference) && !o.config);
  if (config.security.profile >= 2)
    throw new UsageError(
      `security.profile: the fuzzer connects on security profile 0 or 1 only; set 0 or 1 (got ${config.security.profile})`,
    );
  const messageMs = parseIntOption('--message-timeout', o.messageTimeout, 10, 600_000) ?? (o.reference ? 300 : config.timeouts.messageMs);
  const connections = parseIntOption('--connections', o.connections, 1, 64)!;
  const probeEvery = parseIntOption('--probe-every', o.probeEvery, 1, 100_000)!;
  if (connections > 1 && sut[0] !== 'csms') throw new UsageError('--connections: a station SUT is fuzzed on one connection');
  const validator = new SchemaRegistry().for(version);
  const password = config.security.profile === 1 ? config.security.basicAuthPassword : undefined;
  let target: FuzzTarget;
  let targetArgs: string[];
  if (o.reference) {
    const peers = new PeerRegistry();
    if (!peers.has(version, sut[0] === 'cs' ? 'station' : 'csms'))
      throw new UsageError(`--ocpp: there is no reference ${sut[0] === 'cs' ? 'station' : 'CSMS'} for OCPP ${version}; use 1.6 or 2.0.1`);
    if (o.fault && !peers.faults(version, sut[0] === 'cs' ? 'station' : 'csms').some((f) => f.name === o.fault)) {
      throw new UsageError(
        `--fault: the ${version} reference ${sut[0] === 'cs' ? 'station' : 'csms'} has no fault "${o.fault}"; see ocpp-harness reference ${sut[0] === 'cs' ? 'station' : 'csms'} --ocpp ${version} --list-faults`,
      );
    }
    target = await referenceTarget({ sut: sut[0], version, fault: o.fault, config, peers, validator, clock: systemClock, ids: randomIds });
    targetArgs = ['--reference', ...(o.fault ? ['--fault', o.fault] : [])];
  } else if (o.target) {
    const url = parseTarget(o.target);
    const host = new URL(url).hostname;
    if (!isLoopbackHost(host) && !o.iOwnThisTarget)
      throw new UsageError(
        `--target: ${host} is not loopback; fuzzing sends hostile traffic. Pass --i-own-this-target if you own or are authorised to test it`,
      );
    target = csmsTarget({
      url,
      identity: config.stationId,
      extraIdentities: config.extraStationIds,
      version,
      password,
      connectMs: config.timeouts.connectMs,
    });
    targetArgs = ['--target', url, ...(o.iOwnThisTarget ? ['--i-own-this-target'] : [])];
  } else {
    const l = parseListen(o.listen!);
    if (!isLoopbackHost(l.host) && !o.iOwnThisTarget)
      throw new UsageError(
        `--listen: ${l.host} is not loopback; a station connecting from elsewhere would receive hostile traffic. Pass --i-own-this-target if you own or are authorised to test it`,
      );
    const server = new CsmsServer({
      host: l.host,
      port: l.port,
      version,
      identity: config.stationId,
      basicAuthPassword: password,
      monotonic: () => performance.now(),
    });
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
      probeEvery,
      connections,
      // A real SUT gets its configured pause before the fuzzer dials again after a close.
      reconnectPauseMs: o.reference ? 0 : config.timeouts.reconnectPauseMs,
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
  const replay = [
    'npx ocpp-harness fuzz',
    '--sut',
    sut[0],
    '--ocpp',
    version,
    ...targetArgs,
    ...configArg,
    '--seed',
    seed,
    '--count',
    String(result.mutations),
    '--duration',
    `${Math.max(60, Math.ceil((result.durationMs * 2) / 1000))}s`,
    ...(o.messageTimeout ? ['--message-timeout', o.messageTimeout] : []),
    ...(probeEvery !== 50 ? ['--probe-every', String(probeEvery)] : []),
    ...(result.connections > 1 ? ['--connections', String(result.connections)] : []),
  ].join(' ');
  const coverageFile = join(resolve(o.out), 'fuzz-coverage.json');
  writeFileSync(coverageFile, `${JSON.stringify(result.coverage, null, 2)}\n`);
  if (o.json) {
    io.stdout(
      `${JSON.stringify({
        seed,
        frames: result.frames,
        mutations: result.mutations,
        connections: result.connections,
        durationMs: result.durationMs,
        ended: result.ended,
        coverage: { known: result.coverage.known, explored: result.coverage.explored, answers: result.coverage.answers },
        findings: result.findings,
        replay,
      })}\n`,
    );
  } else {
    io.stdout(
      `seed ${seed}: ${result.mutations} mutations, ${result.frames} frames in ${(result.durationMs / 1000).toFixed(1)} s (${Math.round((result.frames * 1000) / Math.max(1, result.durationMs))} frames/s on ${result.connections} connection(s); ended: ${result.ended})\n`,
    );
    for (const f of result.findings) {
      io.stdout(`[${f.severity}] ${f.id}: ${f.title}\n    frame: ${f.frames[0]?.slice(0, 300)}\n`);
      if (f.replay) io.stdout(`    replay: ${f.replay}\n`);
    }
    io.stdout(`${renderCoverage(result.coverage)}\n`);
    io.stdout(
      `${result.findings.length} finding(s); written to ${written.json} and ${written.sarif}; coverage matrix in ${coverageFile}\n`,
    );
    io.stdout(`replay this run exactly: ${replay}\n`);
  }
  return result.findings.length > 0 ? EXIT.fail : result.ended === 'aborted' ? EXIT.inconclusive : EXIT.ok;
}
