import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunEvent } from './events.js';
import { SecretMask } from './secret-mask.js';
import { clipText } from './clip.js';
import { DEFAULT_LIMITS, type Limits } from '../core/config.js';

/** The `prevHash` of a log's first line: no line came before it. */
export const CHAIN_GENESIS = '0'.repeat(64);

/** SHA-256 (hex) of one log line as written (without its newline): the next line's `prevHash`. */
export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

/**
 * The append-only run log. Each event is written synchronously as one line before anyone else
 * sees it, so a crash or Ctrl-C keeps every finished event. Known secrets are masked in the
 * event's decoded strings on the way in (before it is encoded), in every spelling a SUT could
 * echo, so no report rendered from the log can contain them.
 */
export class EventLog {
  private fd: number | undefined;
  private readonly listeners: ((e: RunEvent) => void)[] = [];
  readonly events: RunEvent[] = [];
  private readonly mask: SecretMask;

  private readonly maxRecordedFrameBytes: number;
  /** Hash of the last line written: each line carries the one before it (`prevHash`), so an edit breaks the chain. */
  private lastHash = CHAIN_GENESIS;

  /** `maxRecordedFrameBytes`: longer strings (a frame, a quoted value) are clipped with their length and SHA-256. */
  constructor(path: string | undefined, secrets: string[] = [], limits: Partial<Pick<Limits, 'maxRecordedFrameBytes'>> = {}) {
    this.mask = new SecretMask(secrets);
    this.maxRecordedFrameBytes = limits.maxRecordedFrameBytes ?? DEFAULT_LIMITS.maxRecordedFrameBytes;
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
    this.mask.add(secret);
  }

  /** Text with every known secret, and any private key, masked. */
  redact(text: string): string {
    return this.mask.maskText(text);
  }

  append(event: RunEvent): void {
    // Masked first (on the whole text), then clipped, so the digest never covers a secret.
    const clean = this.mask.maskValue(event, (text) => clipText(text, this.maxRecordedFrameBytes));
    this.events.push(clean);
    if (this.fd !== undefined) {
      // The chain field is on the written line only; readers ignore it, older logs simply lack it.
      const line = JSON.stringify({ ...clean, prevHash: this.lastHash });
      this.lastHash = lineHash(line);
      writeSync(this.fd, `${line}\n`);
    }
    for (const l of this.listeners) {
      try {
        l(clean);
      } catch {
        // A listener (reporter) failing must not lose the event or stop the run.
      }
    }
  }

  /** The hash of the last line written (the chain head a manifest records). */
  get chainHead(): string {
    return this.lastHash;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
