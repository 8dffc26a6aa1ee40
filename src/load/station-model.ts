/**
 * The load-test station: one simulated charging station that connects, boots, reports its
 * connector, heartbeats, and runs transactions with meter values on a schedule, and drops and
 * re-dials at a power-cut time. It measures what a CSMS operator asks about: connect and answer
 * latency, refusals, drops, CALLERRORs and timeouts, through a metrics sink.
 *
 * Self-contained on purpose: it imports only `ws` and Node built-ins, so the same file runs inside
 * `ocpp-harness load` and, exported, inside an Artillery processor on many workers.
 */
import WebSocket from 'ws';

export type LoadVersion = '1.6' | '2.0.1' | '2.1';

export interface StationModelOptions {
  /** CSMS base URL; the identity is appended as the last path segment. */
  target: string;
  identity: string;
  version: LoadVersion;
  /** Basic auth password (security profile 1/2); the user is the identity. */
  password?: string;
  /** TLS options for wss:// (ca, cert, key): passed to ws as they are. */
  tls?: Record<string, unknown>;
  /** Epoch ms at which the station stops (closes normally). */
  endAt: number;
  /** Epoch ms of the power cut: the connection is dropped without a close frame and dialled again at once. */
  stormAt?: number;
  /** Heartbeat interval in s (default: the BootNotificationResponse interval). */
  heartbeatS?: number;
  /** Seconds between the end of one transaction and the start of the next (0: no transactions). */
  txEveryS: number;
  /** Transaction length in s, and the meter value interval during it. */
  txDurationS: number;
  meterEveryS: number;
  /** How long to wait for an answer or a handshake. */
  timeoutMs: number;
  /** A number in [0, 1) that spreads the station's schedule (seeded by the caller). */
  phase: number;
  /** Ends the station early (Ctrl-C): it closes normally at once. */
  signal?: AbortSignal;
}

/** Where a station reports: counters and latencies by name, with the time they happened. */
export interface MetricsSink {
  counter(name: string, n?: number): void;
  histogram(name: string, ms: number): void;
}

const SUBPROTOCOL: Record<LoadVersion, string> = { '1.6': 'ocpp1.6', '2.0.1': 'ocpp2.0.1', '2.1': 'ocpp2.1' };

interface Pending {
  action: string;
  sentAt: number;
  resolve: (payload: Record<string, unknown> | undefined) => void;
  timer: NodeJS.Timeout;
}

/** The largest message a load station accepts (bigger: ws closes with 1009): 10,000 stations must not hold 100 MiB each. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * A SUT-supplied name (action, error code, boot status) as a metric name: names of another shape
 * count as "other", so a hostile CSMS cannot grow the metric tables without bound.
 */
function label(x: unknown): string {
  return typeof x === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(x) ? x : 'other';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Runs one station until endAt. Never throws: every failure is a metric. */
export async function runStation(o: StationModelOptions, sink: MetricsSink): Promise<void> {
  let stormDone = o.stormAt === undefined;
  while (Date.now() < o.endAt && !o.signal?.aborted) {
    const session = await connect(o, sink);
    if (!session) {
      // A refused or failed dial is retried after a short pause, as a real station would.
      await sleep(Math.min(5000, o.endAt - Date.now()));
      continue;
    }
    const until = !stormDone && o.stormAt !== undefined && o.stormAt > Date.now() ? o.stormAt : o.endAt;
    await session.run(until);
    if (until === o.stormAt && !stormDone) {
      stormDone = true;
      sink.counter('storm.dropped');
      session.drop();
    } else session.close();
  }
}

async function connect(o: StationModelOptions, sink: MetricsSink): Promise<StationSession | undefined> {
  const url = `${o.target.replace(/\/+$/, '')}/${encodeURIComponent(o.identity)}`;
  const headers: Record<string, string> = {};
  if (o.password !== undefined) headers.authorization = `Basic ${Buffer.from(`${o.identity}:${o.password}`).toString('base64')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, [SUBPROTOCOL[o.version]], {
        headers,
        handshakeTimeout: o.timeoutMs,
        perMessageDeflate: false,
        maxPayload: MAX_MESSAGE_BYTES,
        ...o.tls,
      });
    } catch {
      sink.counter('connect.error');
      resolve(undefined);
      return;
    }
    ws.once('open', () => {
      sink.histogram('connect', performance.now() - started);
      sink.counter('connect.ok');
      resolve(new StationSession(ws, o, sink));
    });
    ws.once('unexpected-response', (_req, res) => {
      sink.counter(`connect.refused.${res.statusCode ?? 'unknown'}`);
      res.resume();
      ws.terminate();
      resolve(undefined);
    });
    ws.once('error', (err: NodeJS.ErrnoException) => {
      sink.counter(`connect.error.${err.code ?? 'other'}`);
      resolve(undefined);
    });
  });
}

class StationSession {
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private closed = false;
  private closedByUs = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly ws: WebSocket,
    private readonly o: StationModelOptions,
    private readonly sink: MetricsSink,
  ) {
    ws.on('message', (data) => this.onMessage(String(data)));
    ws.on('close', () => {
      this.closed = true;
      if (!this.closedByUs) sink.counter('dropped');
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.resolve(undefined);
      }
      this.pending.clear();
    });
    ws.on('error', () => undefined);
  }

  private onMessage(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      this.sink.counter('received.malformed');
      return;
    }
    if (!Array.isArray(frame)) return;
    const [type, id] = frame as [number, string];
    if (type === 2) {
      // The CSMS's own calls: answered minimally so it is not left waiting.
      this.sink.counter(`received.${label(frame[2])}`);
      this.ws.send(JSON.stringify([3, id, answerTo(String(frame[2]), this.o.version)]));
      return;
    }
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    this.sink.histogram(`answer.${p.action}`, performance.now() - p.sentAt);
    if (type === 4) {
      this.sink.counter(`callerror.${label(frame[2])}`);
      p.resolve(undefined);
    } else p.resolve((frame[2] ?? {}) as Record<string, unknown>);
  }

  /** One CALL; the answer's payload, or undefined for a CALLERROR, a timeout or a close. */
  call(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const id = `${this.o.identity}-${++this.seq}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.sink.counter(`timeout.${action}`);
        resolve(undefined);
      }, this.o.timeoutMs);
      this.pending.set(id, { action, sentAt: performance.now(), resolve, timer });
      this.sink.counter(`sent.${action}`);
      this.ws.send(JSON.stringify([2, id, action, payload]));
    });
  }

  /** Sleeps ms, or less when the station is stopped (a close, a power cut, Ctrl-C). */
  private wait(ms: number): Promise<void> {
    if (this.o.signal?.aborted) return Promise.resolve();
    return new Promise((r) => {
      const done = () => {
        clearTimeout(t);
        this.timers.delete(t);
        this.wakers.delete(done);
        this.o.signal?.removeEventListener('abort', done);
        r();
      };
      const t = setTimeout(done, Math.max(0, ms));
      this.timers.add(t);
      this.o.signal?.addEventListener('abort', done, { once: true });
      this.wakers.add(done);
    });
  }

  /** Whether the station still runs toward `until`. */
  private live(until: number): boolean {
    return !this.closed && !this.o.signal?.aborted && Date.now() < until;
  }

  /** Boot, status, heartbeats and transactions until `until` or until the connection closes. */
  async run(until: number): Promise<void> {
    const v = this.o.version;
    let boot: Record<string, unknown> | undefined;
    for (;;) {
      boot = await this.call('BootNotification', bootPayload(v, this.o.identity));
      const status = label(boot?.status ?? 'none');
      this.sink.counter(`boot.${status}`);
      if (status === 'Accepted') break;
      if (this.closed || !boot) return;
      // Pending or Rejected: boot again on this connection after the interval the CSMS gave.
      const retryS = Number(boot.interval) > 0 ? Number(boot.interval) : 10;
      await this.wait(Math.min(retryS * 1000, until - Date.now()));
      if (this.closed || Date.now() >= until) return;
    }
    await this.call('StatusNotification', statusPayload(v, 'Available'));
    const heartbeatS = this.o.heartbeatS ?? (Number(boot?.interval) > 0 ? Number(boot?.interval) : 60);
    const beat = async () => {
      while (this.live(until)) {
        await this.wait(Math.min(heartbeatS * 1000, until - Date.now()));
        if (this.live(until)) await this.call('Heartbeat', {});
      }
    };
    const charge = async () => {
      if (this.o.txEveryS <= 0) return;
      await this.wait(this.o.phase * this.o.txEveryS * 1000);
      let n = 0;
      while (this.live(until - this.o.txDurationS * 1000)) {
        await this.transaction(++n, until);
        await this.wait(Math.min(this.o.txEveryS * 1000, until - Date.now()));
      }
    };
    await Promise.all([beat(), charge()]);
  }

  private async transaction(n: number, until: number): Promise<void> {
    const v = this.o.version;
    const token = `LOAD-${this.o.identity}`.slice(0, 20);
    const txId = `${this.o.identity}-tx${n}`;
    const start = await this.call(...txStart(v, token, txId));
    if (!start) return;
    this.sink.counter('tx.started');
    const csmsTxId = v === '1.6' ? Number(start.transactionId) : txId;
    let meter = 0;
    const end = Math.min(until, Date.now() + this.o.txDurationS * 1000);
    let seq = 1;
    while (this.live(end - this.o.meterEveryS * 1000)) {
      await this.wait(this.o.meterEveryS * 1000);
      meter += 1000;
      await this.call(...txMeter(v, csmsTxId, meter, ++seq));
    }
    await this.wait(end - Date.now());
    if (this.closed) return;
    await this.call(...txStop(v, token, csmsTxId, meter + 1000, seq + 1));
    this.sink.counter('tx.ended');
  }

  close(): void {
    this.stopTimers();
    this.closedByUs = true;
    if (!this.closed) this.ws.close(1000);
  }

  /** A power cut: the TCP connection goes without a close frame. */
  drop(): void {
    this.stopTimers();
    this.closedByUs = true;
    this.ws.terminate();
  }

  /** Ends every sleep at once, so the heartbeat and transaction loops see the stop and return. */
  private stopTimers(): void {
    for (const wake of [...this.wakers]) wake();
    this.wakers.clear();
    this.timers.clear();
  }
}

const now = () => new Date().toISOString();

function bootPayload(v: LoadVersion, identity: string): Record<string, unknown> {
  if (v === '1.6') return { chargePointVendor: 'ocpp-harness', chargePointModel: 'LoadStation', chargePointSerialNumber: identity };
  return { reason: 'PowerUp', chargingStation: { vendorName: 'ocpp-harness', model: 'LoadStation', serialNumber: identity } };
}

function statusPayload(v: LoadVersion, status: string): Record<string, unknown> {
  if (v === '1.6') return { connectorId: 1, errorCode: 'NoError', status };
  return { timestamp: now(), connectorStatus: status, evseId: 1, connectorId: 1 };
}

type Call = [string, Record<string, unknown>];

function txStart(v: LoadVersion, token: string, txId: string): Call {
  if (v === '1.6') return ['StartTransaction', { connectorId: 1, idTag: token, meterStart: 0, timestamp: now() }];
  return [
    'TransactionEvent',
    {
      eventType: 'Started',
      timestamp: now(),
      triggerReason: 'Authorized',
      seqNo: 0,
      transactionInfo: { transactionId: txId, chargingState: 'Charging' },
      idToken: { idToken: token, type: 'ISO14443' },
      evse: { id: 1, connectorId: 1 },
    },
  ];
}

function meterValue(wh: number): Record<string, unknown> {
  return { timestamp: now(), sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register' }] };
}

function txMeter(v: LoadVersion, txId: string | number, wh: number, seqNo: number): Call {
  if (v === '1.6')
    return [
      'MeterValues',
      { connectorId: 1, transactionId: txId, meterValue: [{ timestamp: now(), sampledValue: [{ value: String(wh) }] }] },
    ];
  return [
    'TransactionEvent',
    {
      eventType: 'Updated',
      timestamp: now(),
      triggerReason: 'MeterValuePeriodic',
      seqNo,
      transactionInfo: { transactionId: txId },
      meterValue: [meterValue(wh)],
    },
  ];
}

function txStop(v: LoadVersion, token: string, txId: string | number, wh: number, seqNo: number): Call {
  if (v === '1.6') return ['StopTransaction', { transactionId: txId, idTag: token, meterStop: wh, timestamp: now(), reason: 'Local' }];
  return [
    'TransactionEvent',
    {
      eventType: 'Ended',
      timestamp: now(),
      triggerReason: 'StopAuthorized',
      seqNo,
      transactionInfo: { transactionId: txId, stoppedReason: 'Local' },
      meterValue: [meterValue(wh)],
    },
  ];
}

/** A minimal, schema-valid answer to a call from the CSMS (the load station accepts what it can). */
function answerTo(action: string, v: LoadVersion): Record<string, unknown> {
  if (action === 'GetConfiguration') return { configurationKey: [] };
  if (action === 'GetVariables') return { getVariableResult: [] };
  if (action === 'DataTransfer') return { status: 'UnknownVendorId' };
  if (v === '1.6' && action === 'ChangeConfiguration') return { status: 'Rejected' };
  return { status: action === 'TriggerMessage' || action === 'Reset' || action === 'ChangeAvailability' ? 'Accepted' : 'Rejected' };
}
