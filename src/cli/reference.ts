import { UsageError } from '../core/config.js';
import { parseVersions } from '../engine/selection.js';
import { profilePassword, tlsMaterialFor } from '../engine/links.js';
import { SchemaRegistry } from '../protocol/schemas.js';
import { systemClock, randomIds } from '../core/clock.js';
import { PeerRegistry } from '../wiring/peer-registry.js';
import { isOcppVersion, type OcppVersion } from '../core/versions.js';
import { type CliIo, EXIT, type ConfigOpts, parseIntOption, parseTarget, buildConfig } from './options.js';

export async function referenceCommand(
  role: 'csms' | 'station',
  o: ConfigOpts & { ocpp: string; fault?: string; listFaults?: boolean; port?: string; host?: string; target?: string },
  io: CliIo,
): Promise<number> {
  const versions = parseVersions(o.ocpp);
  if (!versions || versions.length !== 1 || !isOcppVersion(versions[0]))
    throw new UsageError('--ocpp: give one version, 1.6, 2.0.1 or 2.1');
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
    const csms = await peers.csms(version).start({ ...common, host: o.host ?? '127.0.0.1', port, basicAuthPassword: password, tls });
    io.stdout(`reference CSMS (OCPP ${version}${o.fault ? `, fault ${o.fault}` : ''}) listening at ${csms.url}/<stationId>\n`);
    stop = () => csms.stop();
  } else {
    if (!o.target) throw new UsageError('--target: required for the reference station; give the CSMS URL, e.g. ws://127.0.0.1:9220/ocpp');
    const target = parseTarget(o.target);
    if (tls && !target.startsWith('wss://'))
      throw new UsageError(`--target: security profile ${config.security.profile} uses TLS; give a wss:// URL`);
    const station = await peers.station(version).start({ ...common, target, identity: config.stationId, basicAuthPassword: password, tls });
    io.stdout(
      `reference station "${config.stationId}" (OCPP ${version}${o.fault ? `, fault ${o.fault}` : ''}) connecting to ${o.target}/${config.stationId}\n`,
    );
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
