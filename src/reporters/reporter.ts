import type { RunEvent, RunRecord } from '../engine/events.js';

/**
 * A reporter sees the run's events as they happen (live output) and/or the folded run at the end
 * (files). Every method is optional; the multiplexer isolates reporter errors from the run.
 */
export interface Reporter {
  readonly name: string;
  /** Report files (names inside outDir) this reporter may write; a run removes them first. */
  readonly files?: readonly string[];
  onEvent?(event: RunEvent): void;
  /** Called once with everything; file reporters write here. Returns the paths written. */
  finish?(run: RunRecord): Promise<string[]> | string[];
}

export interface ReporterOptions {
  /** Output directory for file reporters. */
  outDir: string;
  /** Where text goes (console reporter); injected so tests can capture it. */
  write: (text: string) => void;
  /** Live redraw allowed (a TTY) or plain lines (CI, pipes). */
  tty: boolean;
  /** Colour allowed. */
  color: boolean;
}
