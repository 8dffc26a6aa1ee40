import type { OcppConnection, InboundFrame } from '../transport/connection.js';
import type { Outcome } from './judge.js';

/** The message id as written at the head of a frame, valid or not (an empty or over-long one, say). */
const RAW_ID = /^\s*\[\s*-?\d+(?:\.\d+)?\s*,\s*"((?:[^"\\]|\\.)*)"/;

/**
 * The message id as written in a frame, for matching an answer to a frame whose id the SUT could
 * not read (some SUTs echo it). Only the head of the frame is read: frames can be megabytes.
 */
export function rawMessageId(frame: string): string | undefined {
  const m = RAW_ID.exec(frame.slice(0, 256));
  if (!m) return undefined;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return undefined;
  }
}

/** Late answers nobody waits for are kept up to this many, so a long run cannot pile them up. */
const INBOX_CAP = 1000;

/** One connection as the fuzzer sees it: raw sends, answers by message id, close detection. */
export class FuzzSession {
  private readonly inbox: InboundFrame[] = [];
  private waiters: (() => void)[] = [];
  /** Actions of the calls we sent, by message id (to notice an accepted Reset). */
  private readonly sentActions = new Map<string, string>();
  /** The SUT accepted a Reset: its next close is a reboot, not a reaction to a later frame. */
  rebootExpected = false;
  constructor(
    readonly conn: OcppConnection,
    private readonly record: (text: string) => void,
    onCall: (f: InboundFrame) => void,
  ) {
    conn.onFrame((f) => {
      if (f.frame.kind === 'call') onCall(f);
      else {
        if (f.frame.kind === 'result' && this.sentActions.get(f.frame.messageId) === 'Reset') {
          const status = (f.frame.payload as { status?: string }).status;
          if (status === 'Accepted' || status === 'Scheduled') this.rebootExpected = true;
        }
        this.inbox.push(f);
        if (this.inbox.length > INBOX_CAP) this.inbox.splice(0, this.inbox.length - INBOX_CAP);
      }
      this.wake();
    });
    conn.onClose(() => this.wake());
  }
  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
  get closed(): boolean {
    return this.conn.closed !== undefined;
  }
  write(text: string): void {
    const m = /^\[\s*2\s*,\s*"([^"]{1,64})"\s*,\s*"([A-Za-z]+)"/.exec(text);
    if (m) {
      this.sentActions.set(m[1], m[2]);
      if (this.sentActions.size > INBOX_CAP) this.sentActions.delete(this.sentActions.keys().next().value as string);
    }
    this.record(text);
    void this.conn.send(text);
  }
  /** The answer to a message id already received, taken out of the inbox; undefined when none came yet. */
  take(messageId: string | undefined, rawId?: string): Outcome | undefined {
    const i = this.inbox.findIndex(
      (f) =>
        (f.frame.kind === 'result' || f.frame.kind === 'error' || f.frame.kind === 'malformed') &&
        f.frame.messageId === (messageId ?? '-1'),
    );
    if (i >= 0) {
      const [f] = this.inbox.splice(i, 1);
      if (f.frame.kind === 'result') return { kind: 'callresult' };
      if (f.frame.kind === 'error') return { kind: 'callerror', errorCode: f.frame.errorCode };
      return { kind: 'callerror', errorCode: 'malformed-answer' };
    }
    // Unreadable frames are answered with id "-1" (or not at all); some SUTs echo the raw id.
    if (!messageId) {
      const j = this.inbox.findIndex((f) => f.frame.kind === 'error' && (f.frame.messageId === '-1' || f.frame.messageId === rawId));
      if (j >= 0) {
        const [f] = this.inbox.splice(j, 1);
        return { kind: 'callerror', errorCode: (f.frame as { errorCode: string }).errorCode };
      }
    }
    return undefined;
  }
  /** The answer to a message id (or a close/silence) within ms. */
  async outcome(messageId: string | undefined, ms: number, rawId?: string): Promise<Outcome> {
    const deadline = performance.now() + ms;
    for (;;) {
      const answer = this.take(messageId, rawId);
      if (answer) return answer;
      if (this.closed) return { kind: 'close', code: this.conn.closed?.code };
      const left = deadline - performance.now();
      if (left <= 0) return { kind: 'silence' };
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
  close(): void {
    if (!this.closed) this.conn.drop();
  }
}
