import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunEvent } from './events.js';

const PRIVATE_KEY_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;

/**
 * The append-only run log. Each event is written synchronously as one line before anyone else
 * sees it, so a crash or Ctrl-C keeps every finished event. Known secrets are redacted on the
 * way in, so no report rendered from the log can contain them.
 */
export class EventLog {
  private fd: number | undefined;
  private readonly listeners: ((e: RunEvent) => void)[] = [];
  readonly events: RunEvent[] = [];
  private secrets: string[];

  constructor(path: string | undefined, secrets: string[] = []) {
    // Longest first, so a secret containing another is fully masked.
    this.secrets = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'w');
    }
  }

  subscribe(listener: (e: RunEvent) => void): void {
    this.listeners.push(listener);
  }

  /** A secret made during the run (a new password a case sets): masked from now on. */
  addSecret(secret: string): void {
    if (secret.length < 4 || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    // Private keys never belong in a log, whoever put them on the wire.
    let out = text.replace(PRIVATE_KEY_PEM, '***private key***');
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  append(event: RunEvent): void {
    const raw = JSON.stringify(event);
    const line = this.redact(raw);
    const clean = (line === raw ? event : JSON.parse(line)) as RunEvent;
    this.events.push(clean);
    if (this.fd !== undefined) writeSync(this.fd, `${line}\n`);
    for (const l of this.listeners) {
      try {
        l(clean);
      } catch {
        // A listener (reporter) failing must not lose the event or stop the run.
      }
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
