/**
 * A reference CSMS in its own process for the load bench: OCPP 2.0.1, the identities PREFIX1..N
 * registered, its URL printed on the first line of stdout; it stops on SIGTERM or stdin close.
 * Usage: node dist/bench/reference-csms.js PREFIX N
 */
import { parseConfig, REFERENCE_TIMEOUTS } from '../src/core/config.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { randomIds, systemClock } from '../src/core/clock.js';
import { fleetIdentities } from '../src/load/fleet.js';

const [prefix = 'LOAD-', count = '100'] = process.argv.slice(2);
const config = parseConfig({});
config.timeouts = { ...REFERENCE_TIMEOUTS, heartbeatIntervalS: 30 };
const csms = await new PeerRegistry().csms('2.0.1').start({
  version: '2.0.1',
  validator: new SchemaRegistry().for('2.0.1'),
  faults: new Set(),
  config,
  clock: systemClock,
  ids: randomIds,
  host: '127.0.0.1',
  port: 0,
});
for (const stationId of fleetIdentities(prefix, Number(count)))
  await csms.perform({ action: 'csmsRegisterStation', params: { stationId, bootStatus: 'Accepted' }, instruction: '', caseId: 'bench' });
process.stdout.write(`${csms.url}\n`);
const stop = async () => {
  await csms.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
