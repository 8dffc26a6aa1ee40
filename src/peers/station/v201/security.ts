import { RENAMED_SINCE_16, SECURITY_EVENTS_201 } from '../../../protocol/security-events.js';
/**
 * Security events and logs of the 2.0.1 reference station (use cases A04 and N01): the standard
 * event names, which of them are critical (pushed with SecurityEventNotification, queued while
 * offline), and the rolling security log every event goes to.
 */

/**
 * Critical events: pushed to the CSMS and queued until delivered (A04.FR.01/02). The two
 * maintenance-login events are not rated in the sources at hand; this station pushes them (as
 * libocpp does) so a CSMS can alert on local access.
 */
export const CRITICAL_EVENTS_201 = [...SECURITY_EVENTS_201.critical, 'MaintenanceLoginAccepted', 'MaintenanceLoginFailed'] as const;

/** Non-critical events: only written to the security log (A04.FR.04). */
export const LOGGED_EVENTS_201 = SECURITY_EVENTS_201.logged;

/** The 1.6 Security Whitepaper spellings of the events 2.0.1 renamed (used only by a fault). */
export const OCPP16_SPELLING: Readonly<Record<string, string>> = RENAMED_SINCE_16;

const CRITICAL = new Set<string>(CRITICAL_EVENTS_201);

export function isCritical(type: string): boolean {
  return CRITICAL.has(type);
}

export interface SecurityEvent {
  type: string;
  /** When the event happened (not when it was sent). */
  timestamp: string;
  techInfo?: string;
}

/** A bounded rolling log; the oldest entries are dropped first. */
export class RollingLog<T> {
  private readonly items: T[] = [];
  constructor(private readonly max: number) {}

  add(item: T): void {
    this.items.push(item);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
  }

  all(): readonly T[] {
    return this.items;
  }
}

/** One line per event, oldest first: `<timestamp> <type>[ <techInfo>]`. */
export function formatSecurityLog(events: readonly SecurityEvent[], oldest?: string, latest?: string): string {
  const from = oldest ? Date.parse(oldest) : -Infinity;
  const to = latest ? Date.parse(latest) : Infinity;
  return events
    .filter((e) => {
      const t = Date.parse(e.timestamp);
      return !(t < from) && !(t > to);
    })
    .map((e) => `${e.timestamp} ${e.type}${e.techInfo ? ` ${e.techInfo}` : ''}`)
    .join('\n')
    .concat('\n');
}
