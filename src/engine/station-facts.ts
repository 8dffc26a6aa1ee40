import { stationSerialOf, type SutConfig } from '../core/config.js';
import type { ReceivedCall } from '../roles/endpoint.js';

/**
 * What the harness learned about the station under test from the wire, kept for the run (a
 * station that booted in one case need not boot again in the next: a reconnect is not a reboot).
 * Keyed by the run's config object, which every case of a run shares.
 */
export interface StationFacts {
  /** The serial number the station's last BootNotification reported. */
  serialNumber?: string;
}

const FACTS = new WeakMap<SutConfig, StationFacts>();

export function stationFacts(config: SutConfig): StationFacts {
  let facts = FACTS.get(config);
  if (!facts) {
    facts = {};
    FACTS.set(config, facts);
  }
  return facts;
}

/** The serial a BootNotification reports: 1.6 chargePointSerialNumber, 2.0.1/2.1 chargingStation.serialNumber. */
export function bootSerialNumber(boot: ReceivedCall): string | undefined {
  const p = boot.payload as { chargePointSerialNumber?: unknown; chargingStation?: { serialNumber?: unknown } };
  const serial = p.chargePointSerialNumber ?? p.chargingStation?.serialNumber;
  return typeof serial === 'string' && serial.length > 0 ? serial : undefined;
}

/** Learns the serial from the newest BootNotification that carries one. */
export function learnFromBoots(facts: StationFacts, boots: readonly ReceivedCall[]): void {
  for (let i = boots.length - 1; i >= 0; i--) {
    const serial = bootSerialNumber(boots[i]);
    if (serial !== undefined) {
      facts.serialNumber = serial;
      return;
    }
  }
}

/**
 * The station's serial number: the one its BootNotification reported when it sent one (in this
 * case or earlier in the run), else the declared `security.serialNumber`, else the station id.
 */
export function observedSerialNumber(
  config: SutConfig,
  boots: readonly ReceivedCall[],
): { serial: string; declared: string; observed: boolean } {
  const facts = stationFacts(config);
  learnFromBoots(facts, boots);
  const declared = stationSerialOf(config);
  return facts.serialNumber === undefined
    ? { serial: declared, declared, observed: false }
    : { serial: facts.serialNumber, declared, observed: true };
}
