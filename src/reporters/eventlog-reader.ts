import { readFileSync } from 'node:fs';
import type { RunEvent } from '../engine/events.js';

/** A line of run.jsonl that was not used, and why (for a warning, never a failure). */
export interface SkippedLine {
  /** 1-based line number. */
  line: number;
  reason: string;
}

export interface EventLogContents {
  events: RunEvent[];
  skipped: SkippedLine[];
}

type Shape = Record<string, unknown>;

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Shape => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The least each event type needs so that folding and rendering cannot crash on it. Deeper
 * validation would reject logs from older harness versions that still render fine.
 */
const REQUIRED_FIELDS: Record<RunEvent['type'], (e: Shape) => boolean> = {
  'run-start': (e) => isString(e.runId) && Array.isArray(e.plannedCases) && isObject(e.target),
  'case-start': (e) => isString(e.runKey) && isObject(e.meta) && isString(e.meta.id),
  step: (e) => isString(e.runKey) && isString(e.title),
  wire: (e) => isString(e.runKey) && isString(e.text),
  note: (e) => isString(e.runKey) && isString(e.text),
  'case-end': (e) => isString(e.runKey) && isObject(e.result) && isString(e.result.verdict),
  'run-end': (e) => isObject(e.counts),
};

function isKnownType(type: unknown): type is RunEvent['type'] {
  return isString(type) && Object.hasOwn(REQUIRED_FIELDS, type);
}

/**
 * Parses run.jsonl text. A crash mid-write leaves a truncated last line, and foreign or damaged
 * lines may appear anywhere; both are skipped so everything recorded before still renders.
 */
export function parseEventLog(text: string): EventLogContents {
  const events: RunEvent[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const last = lines.slice(i + 1).every((l) => l.trim() === '');
      skipped.push({ line: i + 1, reason: last ? 'truncated last line' : 'not valid JSON' });
      return;
    }
    if (!isObject(value)) {
      skipped.push({ line: i + 1, reason: 'not a JSON object' });
      return;
    }
    if (!isKnownType(value.type)) {
      skipped.push({ line: i + 1, reason: `unknown event type ${JSON.stringify(value.type)}` });
      return;
    }
    if (!REQUIRED_FIELDS[value.type](value)) {
      skipped.push({ line: i + 1, reason: `${value.type} event without its required fields` });
      return;
    }
    events.push(value as unknown as RunEvent);
  });
  return { events, skipped };
}

/** Reads a run.jsonl with its skipped-line report. */
export function readEventLogDetailed(path: string): EventLogContents {
  return parseEventLog(readFileSync(path, 'utf8'));
}

/** Reads a run.jsonl, tolerating a truncated last line and skipping lines that are not events. */
export function readEventLog(path: string): RunEvent[] {
  return readEventLogDetailed(path).events;
}
