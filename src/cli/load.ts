import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/config.js';
import { parseSut, parseVersions } from '../engine/selection.js';
import { profilePassword, tlsMaterialFor } from '../engine/links.js';
import { clientTlsOptions } from '../transport/tls.js';
import { isLoopbackHost } from '../transport/loopback.js';
import { SchemaRegistry } from '../protocol/schemas.js';
import { systemClock, randomIds } from '../core/clock.js';
import { PeerRegistry } from '../wiring/peer-registry.js';
import { fleetIdentities, runFleet, type FleetOptions } from '../load/fleet.js';
import { renderLoadHtml, renderLoadSummary } from '../load/report.js';
import { artilleryExport } from '../load/artillery.js';
import type { LoadVersion } from '../load/station-model.js';
import { type CliIo, EXIT, type ConfigOpts, parseIntOption, parseTarget, buildConfig, handleSignals } from './options.js';
import { parseDuration } from './fuzz.js';

export interface LoadCliOptions extends ConfigOpts {
  sut: string;
  ocpp: string;
  target?: string;
  reference?: boolean;
  stations: string;
  ramp: string;
  duration: string;
  stormAt?: string;
  heartbeat?: string;
  txEvery: string;
  txDuration: string;
  meterEvery: string;
  idPrefix?: string;
  seed: string;
  out: string;
  json?: boolean;
  exportArtillery?: string;
  iOwnThisTarget?: boolean;
}

/** Stations one run may simulate, and how long it may last: load traffic stays bounded. */
export const LOAD_LIMITS = { stations: 20_000, durationMs: 3_600_000 } as const;

/**
 * `ocpp-harness load`: a fleet of simulated stations against a CSMS (a real one on loopback or an
 * owned target, or the reference CSMS in this process), with latency percentiles, refusals, drops
 * and CALLERRORs over time in load.json and load.html; or the same fleet exported for Artillery.
 */
export async function loadCommand(o: LoadCliOptions, io: CliIo): Promise<number> {
  const sut = parseSut(o.sut);
  if (!sut || sut.length !== 1 || sut[0] !== 'csms') throw new UsageError('--sut: load tests a CSMS; give --sut csms');
  const versions = parseVersions(o.ocpp);
  if (!versions || versions.length !== 1) throw new UsageError('--ocpp: give one version, 1.6, 2.0.1 or 2.1');
  const version = versions[0] as LoadVersion;
  if (Boolean(o.reference) === Boolean(o.target))
    throw new UsageError('say what to load: --target URL (a CSMS) or --reference (the built-in one)');
  const stations = parseIntOption('--stations', o.stations, 1, LOAD_LIMITS.stations)!;
  const rampPerS = parseIntOption('--ramp', o.ramp, 1, 100_000)!;
  const durationMs = parseDuration(o.duration);
  if (durationMs > LOAD_LIMITS.durationMs) throw new UsageError('--duration: at most 1h');
  const stormAtMs = o.stormAt === undefined ? undefined : parseDuration(o.stormAt, '--storm-at');
  if (stormAtMs !== undefined && stormAtMs >= durationMs) throw new UsageError('--storm-at: must fall within --duration');
  const config = buildConfig(o, Boolean(o.reference) && !o.config);
  const idPrefix = o.idPrefix ?? `${config.stationId}-L`;
  const fleet: Omit<FleetOptions, 'target'> = {
    version,
    stations,
    rampPerS,
    idPrefix,
    durationMs,
    stormAtMs,
    heartbeatS: parseIntOption('--heartbeat', o.heartbeat, 1, 86_400),
    txEveryS: parseIntOption('--tx-every', o.txEvery, 0, 86_400)!,
    txDurationS: parseIntOption('--tx-duration', o.txDuration, 1, 86_400)!,
    meterEveryS: parseIntOption('--meter-every', o.meterEvery, 1, 86_400)!,
    timeoutMs: config.timeouts.messageMs,
    seed: parseIntOption('--seed', o.seed, 0, 2 ** 31 - 1)!,
  };
  const out = resolve(o.out);
  if (o.exportArtillery) {
    if (!o.target) throw new UsageError('--export-artillery: give the --target the Artillery workers will load');
    const dir = resolve(o.exportArtillery);
    mkdirSync(dir, { recursive: true });
    const files = artilleryExport({ ...fleet, target: parseTarget(o.target) }).files;
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    io.stdout(`Artillery scenario for ${stations} stations written to ${dir}: ${Object.keys(files).join(', ')}\n`);
    io.stdout(`run it: cd ${dir} && npm install artillery ws && npx artillery run ocpp-load.artillery.yml\n`);
    return EXIT.ok;
  }
  const password = profilePassword(config);
  const tlsMaterial = await tlsMaterialFor(config, Boolean(o.reference));
  let target: string;
  let stop: () => Promise<void> = async () => undefined;
  if (o.reference) {
    const peers = new PeerRegistry();
    if (!peers.has(version, 'csms')) throw new UsageError(`--ocpp: there is no reference CSMS for OCPP ${version}`);
    const csms = await peers.csms(version).start({
      version,
      validator: new SchemaRegistry().for(version),
      faults: new Set(),
      config,
      clock: systemClock,
      ids: randomIds,
      host: '127.0.0.1',
      port: 0,
      basicAuthPassword: password,
      tls: tlsMaterial,
    });
    stop = () => csms.stop();
    for (const stationId of fleetIdentities(idPrefix, stations))
      await csms.perform({ action: 'csmsRegisterStation', params: { stationId, bootStatus: 'Accepted' }, instruction: '', caseId: 'load' });
    target = csms.url;
  } else {
    target = parseTarget(o.target!);
    const host = new URL(target).hostname;
    if (!isLoopbackHost(host) && !o.iOwnThisTarget)
      throw new UsageError(
        `--target: ${host} is not loopback; load traffic can take a CSMS down. Pass --i-own-this-target if you own or are authorised to test it`,
      );
  }
  if (tlsMaterial && !target.startsWith('wss://'))
    throw new UsageError(`security profile ${config.security.profile} uses TLS; give a wss:// --target`);
  const controller = new AbortController();
  const release = handleSignals(controller, io);
  let report;
  try {
    report = await runFleet({
      ...fleet,
      target,
      password,
      tls: tlsMaterial ? (clientTlsOptions(tlsMaterial, target) as Record<string, unknown>) : undefined,
      abort: controller.signal,
      onSecond: o.json
        ? undefined
        : (t, totals) =>
            io.stderr(
              `\r${t}s: ${totals['connect.ok'] ?? 0} connected, ${totals.dropped ?? 0} dropped, ${Object.entries(totals)
                .filter(([k]) => k.startsWith('callerror.'))
                .reduce((a, [, n]) => a + n, 0)} CALLERRORs   `,
            ),
    });
  } finally {
    release();
    await stop();
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'load.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'load.html'), renderLoadHtml(report));
  if (o.json) io.stdout(`${JSON.stringify({ ...report, timeline: undefined })}\n`);
  else io.stdout(`\n${renderLoadSummary(report)}\nwritten to ${join(out, 'load.json')} and ${join(out, 'load.html')}\n`);
  const problems = Object.entries(report.totals).filter(([k]) => /^(connect\.(refused|error)|timeout\.)/.test(k));
  return problems.length > 0 ? EXIT.fail : controller.signal.aborted ? EXIT.inconclusive : EXIT.ok;
}
