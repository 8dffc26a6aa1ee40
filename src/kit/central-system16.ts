import type { Call16, Ctx16Cs, Request16 } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import type { Probe } from './probes.js';
import type { Payload } from '../roles/endpoint.js';

/**
 * The harness as 1.6 central system (SUT: a charge point): the session a case runs (transaction
 * id, idTag, cable), answers to StartTransaction / StopTransaction, the manual steps plugIn,
 * unplug and presentIdTag, what the security whitepaper cases answer, and configuration keys
 * read and guarded with GetConfiguration.
 */

export interface Session16 {
  connectorId: number;
  idTag: string;
  /** Set once StartTransaction was answered; cleared when StopTransaction was. */
  transactionId?: number;
  plugged: boolean;
}

/** The session of this case (created empty on first use). */
export function session16(ctx: Ctx16Cs): Session16 {
  return ctx.remember<Session16>('v16-cs.session', () => ({
    connectorId: ctx.config.ids.connectorId,
    idTag: ctx.config.ids.validIdToken.idToken,
    plugged: false,
  }));
}

/** The id of the transaction the case's session runs (after the Charging state); a harness error when none. */
export function sessionTransactionId16(ctx: Ctx16Cs): number {
  const id = session16(ctx).transactionId;
  if (id === undefined) throw new Error(`harness: ${ctx.meta.id} needs a running transaction (use ctx.given('Charging'))`);
  return id;
}

/** A transaction id for StartTransaction.conf, distinct per case. */
export function newTransactionId(ctx: Ctx16Cs): number {
  const digits = ctx.ids.next().replace(/\D/g, '').slice(0, 6);
  return 1000 + (Number.parseInt(digits || '0', 10) % 900_000);
}

/** Only StatusNotifications of one connector with one of these statuses. */
export function statusOf(connectorId: number, ...statuses: string[]) {
  return {
    where: (p: Request16<'StatusNotification'>) => p.connectorId === connectorId && (statuses.length === 0 || statuses.includes(p.status)),
    whereText: `connectorId = ${connectorId}${statuses.length ? ` and status ${statuses.join(' or ')}` : ''}`,
  };
}

/**
 * Waits for the connector to report Preparing (a tag presented or a remote start accepted while
 * no cable is in). Status Preparing is how a charge point shows it holds the authorization, so
 * the case waits for it before the next manual step; its absence is only a non-strict note.
 */
export async function expectPreparing(ctx: Ctx16Cs, why: string): Promise<void> {
  const connectorId = ctx.config.ids.connectorId;
  try {
    await ctx.csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-4.9' });
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    ctx.nonStrict('OCPP16-4.9', `connector ${connectorId} did not report Preparing ${why}`);
  }
}

/** Answers a StartTransaction with an accepted idTagInfo and a new transaction id; returns it. */
export async function acceptStart(ctx: Ctx16Cs, start: Call16<'StartTransaction'>): Promise<number> {
  const transactionId = newTransactionId(ctx);
  await ctx.csms.reply(start, { idTagInfo: { status: 'Accepted' }, transactionId });
  const s = session16(ctx);
  s.transactionId = transactionId;
  s.idTag = start.payload.idTag;
  return transactionId;
}

/**
 * Expects the StartTransaction on the configured connector, answers it (accepted, a new
 * transaction id) and waits for Charging (either order: the inbox keeps both). Returns the id.
 */
export async function expectStartCharging16(ctx: Ctx16Cs, requirement = 'OCPP16-4.8'): Promise<number> {
  const connectorId = ctx.config.ids.connectorId;
  const start = await ctx.csms.expectCall('StartTransaction', {
    where: (p) => p.connectorId === connectorId,
    whereText: `connectorId = ${connectorId}`,
    requirement,
  });
  const transactionId = await acceptStart(ctx, start);
  await ctx.csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });
  return transactionId;
}

/** Answers a StopTransaction (idTagInfo Accepted) and forgets the case's transaction. */
export async function acceptStop(ctx: Ctx16Cs, stop: Call16<'StopTransaction'>): Promise<void> {
  await ctx.csms.reply(stop, { idTagInfo: { status: 'Accepted' } });
  const s = session16(ctx);
  if (s.transactionId === stop.payload.transactionId) s.transactionId = undefined;
}

/** Manual step: the EV cable is plugged into the configured connector. */
export async function plugIn(ctx: Ctx16Cs, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('plugIn', { connectorId }, `Plug the EV cable into connector ${connectorId}.`);
  session16(ctx).plugged = true;
}

/** Manual step: the EV cable is unplugged from the configured connector. */
export async function unplug(ctx: Ctx16Cs, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('unplug', { connectorId }, `Unplug the EV cable from connector ${connectorId}.`);
  session16(ctx).plugged = false;
}

/** Manual step: a driver presents an idTag (default: the configured valid one). */
export async function presentIdTag(
  ctx: Ctx16Cs,
  token = ctx.config.ids.validIdToken,
  connectorId = ctx.config.ids.connectorId,
): Promise<void> {
  await ctx.manual(
    'presentIdToken',
    { idToken: token.idToken, type: token.type, connectorId },
    `Present the idTag ${token.idToken} at the charge point (connector ${connectorId}).`,
  );
}

/**
 * Answers what a charge point sends during the security cases: SecurityEventNotification,
 * SignedFirmwareStatusNotification, LogStatusNotification, and the BootNotification it may send
 * after reconnecting (accepted). Call after ctx.given('Booted'); expectCall still sees each call.
 */
export function answerSecurityMessages16(ctx: Ctx16Cs): void {
  const { csms, config } = ctx;
  csms.respondTo('SecurityEventNotification', {});
  csms.respondTo('SignedFirmwareStatusNotification', {});
  csms.respondTo('LogStatusNotification', {});
  csms.respondTo('SignCertificate', { status: 'Accepted' });
  csms.respondTo('BootNotification', () => ({
    currentTime: ctx.nowIso(),
    interval: config.timeouts.heartbeatIntervalS,
    status: 'Accepted',
  }));
}

/**
 * Makes the charge point open a new connection when it is already connected and registered
 * (a power cycle), so its handshake can be observed. Returns the handshake and TCP-attempt counts
 * to look after.
 */
export async function freshConnection16(ctx: Ctx16Cs): Promise<{ handshakes: number; attempts: number }> {
  const { csms } = ctx;
  if (!csms.booted) return { handshakes: 0, attempts: 0 };
  const mark = { handshakes: csms.handshakes.length, attempts: csms.attempts.length };
  await ctx.manual('reboot', {}, 'Power-cycle the charge point so that it opens a new connection to the central system.');
  return mark;
}

/** How long a reconnect may take: the connect timeout plus one message timeout. */
export function reconnectWithin(ctx: Ctx16Cs): number {
  return ctx.waits.reconnect;
}

/**
 * A configuration value the charge point would change if it executed a probe: probes carry a
 * ChangeConfiguration to `marker`, and the value must read back unchanged afterwards.
 */
export class ConfigMarker {
  private constructor(
    readonly key: string,
    readonly original: string | undefined,
    readonly marker: string,
  ) {}

  static async create(ctx: Ctx16Cs, key = 'MeterValueSampleInterval'): Promise<ConfigMarker> {
    const original = await readConfigValue(ctx, key);
    const n = Number.parseInt(original ?? '', 10);
    return new ConfigMarker(key, original, String(Number.isFinite(n) ? n + 17 : 37));
  }

  /** The ChangeConfiguration payload that would set the marker. */
  get payload(): Payload {
    return { key: this.key, value: this.marker };
  }

  /** A frame [type, id, action, marker payload, ...extra] as text. */
  frame(type: unknown, id: unknown, action = 'ChangeConfiguration', ...extra: unknown[]): string {
    return JSON.stringify([type, id, action, this.payload, ...extra]);
  }

  /** Fails `requirement` when the marker value was stored, naming the probes as evidence. */
  async assertUnchanged(ctx: Ctx16Cs, requirement: string, culprits: Probe[]): Promise<void> {
    const now = await readConfigValue(ctx, this.key, requirement);
    if (now === this.marker) {
      const { key, original } = this;
      // Post-condition: the value the executed probe stored is put back.
      if (original !== undefined)
        ctx.afterCase(`restore ${key} to ${JSON.stringify(original)}`, async () => {
          await ctx.csms.call('ChangeConfiguration', { key, value: original }, { requirement });
        });
      ctx.evidence(...culprits.map((p) => p.text));
      throw new CaseFailure(
        requirement,
        [`${this.key} still ${JSON.stringify(this.original)} (no probe executed)`],
        `${this.key} = ${JSON.stringify(now)}: a malformed ChangeConfiguration was executed`,
      );
    }
  }
}

/** Reads one configuration key with GetConfiguration (undefined when the charge point does not report it). */
export async function readConfigValue(ctx: Ctx16Cs, key: string, requirement = 'OCPP16-5.8'): Promise<string | undefined> {
  const res = await ctx.csms.call('GetConfiguration', { key: [key] }, { requirement, schema: false });
  const entry = Array.isArray(res.configurationKey) ? res.configurationKey.find((k) => k.key === key) : undefined;
  return typeof entry?.value === 'string' ? entry.value : undefined;
}

/**
 * Sends ReserveNow for the configured connector (or `connectorId`, 0 for the whole charge point)
 * and returns the answer with the reservationId used. An Accepted reservation the case leaves
 * standing is cancelled at case end (post-condition: no reservations), unless `used()` says the
 * case consumed or cancelled it.
 */
export async function reserveNow16(
  ctx: Ctx16Cs,
  o: { connectorId?: number; idTag?: string; parentIdTag?: string; expirySeconds?: number; requirement?: string } = {},
): Promise<{ status: string; reservationId: number; used: () => void }> {
  const reservationId = newTransactionId(ctx);
  const payload: Request16<'ReserveNow'> = {
    connectorId: o.connectorId ?? ctx.config.ids.connectorId,
    expiryDate: ctx.nowIso((o.expirySeconds ?? 600) * 1000),
    idTag: o.idTag ?? ctx.config.ids.validIdToken.idToken,
    reservationId,
  };
  if (o.parentIdTag) payload.parentIdTag = o.parentIdTag;
  const res = await ctx.csms.call('ReserveNow', payload, { requirement: o.requirement ?? 'OCPP16-5.13' });
  let open = res.status === 'Accepted';
  ctx.afterCase(
    `cancel reservation ${reservationId}`,
    async () => {
      await ctx.csms.call('CancelReservation', { reservationId }, { requirement: 'OCPP16-5.1' });
    },
    { when: () => open },
  );
  return { status: res.status, reservationId, used: () => (open = false) };
}

/** Reads the charge point's local list version with GetLocalListVersion. */
export async function localListVersion16(ctx: Ctx16Cs, requirement = 'OCPP16-5.10'): Promise<number> {
  const res = await ctx.csms.call('GetLocalListVersion', {}, { requirement });
  return res.listVersion;
}

/**
 * Sends SendLocalList and returns its status. The first call of a case registers the
 * post-condition that leaves no local list behind (a Full update with no entries, version 0).
 */
export async function sendLocalList16(ctx: Ctx16Cs, payload: Request16<'SendLocalList'>, requirement = 'OCPP16-5.15'): Promise<string> {
  const mem = ctx.remember('v16-cs.local-list', () => ({ cleanup: false }));
  if (!mem.cleanup) {
    mem.cleanup = true;
    ctx.afterCase('remove the local list the case sent', async () => {
      await ctx.csms.call('SendLocalList', { listVersion: 0, updateType: 'Full', localAuthorizationList: [] }, { requirement });
    });
  }
  const res = await ctx.csms.call('SendLocalList', payload, { requirement });
  return res.status;
}

/**
 * The driver plugs in after a reservation was taken up (idTag presented or remote start): expects
 * the StartTransaction on the configured connector to name the reservation, answers it, and waits
 * for Charging (a Charging report before the StartTransaction is taken too).
 */
export async function plugInAndStartOnReservation16(
  ctx: Ctx16Cs,
  r: { reservationId: number; used: () => void },
  startRequirement = 'OCPP16-4.8',
): Promise<void> {
  const { csms } = ctx;
  const connectorId = ctx.config.ids.connectorId;
  await plugIn(ctx);
  const start = await csms.expectCall('StartTransaction', {
    where: (p) => p.connectorId === connectorId,
    whereText: `connectorId = ${connectorId}`,
    requirement: startRequirement,
  });
  if (start.payload.reservationId !== r.reservationId)
    throw new CaseFailure(
      'OCPP16-5.13',
      [`StartTransaction.req reservationId = ${r.reservationId}`],
      `reservationId = ${JSON.stringify(start.payload.reservationId)}`,
    );
  r.used();
  await acceptStart(ctx, start);
  await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });
}
