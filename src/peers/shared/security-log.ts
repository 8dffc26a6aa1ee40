/**
 * The rolling security log of a reference station (A04.FR.04, N01): every security event with
 * the time it happened, bounded so a long run cannot grow it without limit, and its text form
 * for GetLog SecurityLog uploads.
 */

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

/** One line per event, oldest first: `<timestamp> <type>[ <techInfo>]`, within the optional time window ('' when none). */
export function formatSecurityLog(events: readonly SecurityEvent[], oldest?: string, latest?: string): string {
  const from = oldest ? Date.parse(oldest) : -Infinity;
  const to = latest ? Date.parse(latest) : Infinity;
  return events
    .filter((e) => {
      const t = Date.parse(e.timestamp);
      return !(t < from) && !(t > to);
    })
    .map((e) => `${e.timestamp} ${e.type}${e.techInfo ? ` ${e.techInfo}` : ''}\n`)
    .join('');
}
