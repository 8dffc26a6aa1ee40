import type { Ctx16Cs, Ctx16Csms, Ctx201Cs, Ctx201Csms } from './contexts.js';
import { dialOutcome } from './dial.js';
import { closeAndWait } from './station201.js';
import { CaseFailure } from '../core/verdict.js';
import { awaitOwnReconnect, isAuthorizationKey, reconnectWindow } from './security-profiles.js';
import { readConfigValue } from './central-system16.js';

/**
 * Settings a case changes on a charging station, each put back at case end by a post-condition
 * (OCTT's reusable states do the same): 2.0.1 variables (setVariable), 1.6 configuration keys
 * (changeConfiguration16), and the Basic-auth password of either version. The first value seen
 * is the one restored; a case that set it back itself leaves nothing to do.
 */

interface Changed {
  original: string | undefined;
  /** The value the station last accepted. */
  current: string | undefined;
}

/** What this case changed, per setting name, with the value to restore. */
function changed(ctx: Ctx201Cs | Ctx16Cs, key: string, original: () => Promise<string | undefined>): Promise<Changed> | Changed {
  const all = ctx.remember<Map<string, Changed>>('restore.changed', () => new Map());
  const known = all.get(key);
  if (known) return known;
  return original().then((value) => {
    const entry = { original: value, current: value };
    all.set(key, entry);
    return entry;
  });
}

/** A variable name, or `Name.Instance` for an instanced one (MessageAttempts.TransactionEvent). */
function variableRef(variable: string): { name: string; instance?: string } {
  const [name = variable, instance] = variable.split('.');
  return instance ? { name, instance } : { name };
}

/** Reads a 2.0.1 variable's Actual value; undefined when the station does not report one. */
export async function readVariable201(ctx: Ctx201Cs, component: string, variable: string): Promise<string | undefined> {
  try {
    const res = await ctx.csms.callMayError(
      'GetVariables',
      { getVariableData: [{ component: { name: component }, variable: variableRef(variable) }] },
      { schema: false },
    );
    const r =
      res.kind === 'result' ? (res.payload.getVariableResult as { attributeStatus?: string; attributeValue?: string }[])?.[0] : undefined;
    return r?.attributeStatus === 'Accepted' && typeof r.attributeValue === 'string' ? r.attributeValue : undefined;
  } catch (err) {
    if (err instanceof CaseFailure) return undefined;
    throw err;
  }
}

/** SetVariables of one variable: its attributeStatus, or "CALLERROR <code>". */
async function sendSetVariable(
  ctx: Ctx201Cs,
  component: string,
  variable: string,
  value: string,
  requirement: string,
): Promise<string | undefined> {
  const res = await ctx.csms.callMayError(
    'SetVariables',
    { setVariableData: [{ component: { name: component }, variable: variableRef(variable), attributeValue: value }] },
    { requirement },
  );
  if (res.kind === 'error') return `CALLERROR ${res.errorCode}`;
  return res.payload.setVariableResult?.[0]?.attributeStatus;
}

/**
 * Sets one 2.0.1 variable and returns the station's answer without judging it; the value the
 * variable had before (`known`, when the caller read it already) is restored at case end by a
 * post-condition.
 */
export async function trySetVariable201(
  ctx: Ctx201Cs,
  component: string,
  variable: string,
  value: string,
  requirement: string,
  known?: string,
): Promise<string | undefined> {
  const key = `${component}.${variable}`;
  const entry = await changed(ctx, `201:${key}`, async () => {
    const original = known ?? (await readVariable201(ctx, component, variable));
    if (original === undefined) ctx.note(`${key} could not be read before the change, so it cannot be restored after the case`);
    else
      ctx.afterCase(
        `restore ${key} to ${JSON.stringify(original)}`,
        async () => {
          const status = await sendSetVariable(ctx, component, variable, original, requirement);
          ctx.expectOneOf(status, ['Accepted', 'RebootRequired'], requirement, `SetVariables ${key} attributeStatus (restore)`);
          entry.current = original;
        },
        { when: () => entry.current !== original },
      );
    return original;
  });
  const status = await sendSetVariable(ctx, component, variable, value, requirement);
  if (status === 'Accepted' || status === 'RebootRequired') entry.current = value;
  return status;
}

/**
 * Sets one 2.0.1 variable and fails `requirement` unless the station accepts it; the value the
 * variable had before is restored at case end (a post-condition). SecurityCtrlr.BasicAuthPassword
 * goes through setBasicAuthPassword201 (its restore needs a reconnect).
 */
export async function setVariable(ctx: Ctx201Cs, component: string, variable: string, value: string, requirement: string): Promise<void> {
  const status =
    component === 'SecurityCtrlr' && variable === 'BasicAuthPassword'
      ? await setBasicAuthPassword201(ctx, value, requirement)
      : await trySetVariable201(ctx, component, variable, value, requirement);
  ctx.expectOneOf(status, ['Accepted'], requirement, `SetVariables ${component}.${variable} attributeStatus`);
}

/**
 * Changes a 1.6 configuration key and fails `requirement` unless the charge point accepts it
 * (`accept`: the statuses taken as a change); the key's previous value is restored at case end.
 * Returns the status.
 */
export async function changeConfiguration16(
  ctx: Ctx16Cs,
  key: string,
  value: string,
  requirement: string,
  o: { accept?: string[] } = {},
): Promise<string> {
  const accept = o.accept ?? ['Accepted'];
  const entry = await changed(ctx, `16:${key}`, async () => {
    const original = await readConfigValue(ctx, key, requirement).catch((err: unknown) => {
      if (err instanceof CaseFailure) return undefined;
      throw err;
    });
    if (original === undefined) ctx.note(`${key} could not be read before the change, so it cannot be restored after the case`);
    else
      ctx.afterCase(
        `restore ${key} to ${JSON.stringify(original)}`,
        async () => {
          const res = await ctx.csms.call('ChangeConfiguration', { key, value: original }, { requirement });
          ctx.expectOneOf(res.status, ['Accepted', 'RebootRequired'], requirement, `ChangeConfiguration ${key} status (restore)`);
          entry.current = original;
        },
        { when: () => entry.current !== original },
      );
    return original;
  });
  const res = await ctx.csms.call('ChangeConfiguration', { key, value }, { requirement });
  if (res.status === 'Accepted' || res.status === 'RebootRequired') entry.current = value;
  ctx.expectOneOf(res.status, accept, requirement, `ChangeConfiguration ${key} status`);
  return res.status;
}

/** The password the station last accepted in this case (undefined: unchanged). */
const passwordSlot = (ctx: Ctx201Cs | Ctx16Cs) =>
  ctx.remember<{ current?: string; registered?: boolean; handshakesAtChange?: number }>('restore.password', () => ({}));

/**
 * Registers, once per case, the restore of the configured Basic-auth password: the station got
 * `password` and took it. Only where the run uses Basic auth (profiles 1 and 2) is there one to
 * restore; a 1.6 AuthorizationKey can be written back only when the configured password is one.
 */
function restorePasswordAfterCase(ctx: Ctx201Cs | Ctx16Cs, password: string, write: (configured: string) => Promise<void>): void {
  const slot = passwordSlot(ctx);
  slot.current = password;
  slot.handshakesAtChange = ctx.csms.handshakes.length;
  if (slot.registered) return;
  slot.registered = true;
  const configured = ctx.config.security.basicAuthPassword;
  const profile = ctx.securityProfile;
  if (!configured || (profile !== 1 && profile !== 2)) return;
  if (ctx.ocpp === '1.6' && !isAuthorizationKey(configured)) {
    ctx.note('the configured password is not a 32-40 digit hex AuthorizationKey, so it cannot be written back after this case');
    return;
  }
  ctx.afterCase('restore the configured Basic-auth password', () => restorePassword(ctx, slot, configured, write), {
    when: () => slot.current !== undefined && slot.current !== configured,
  });
}

async function restorePassword(
  ctx: Ctx201Cs | Ctx16Cs,
  slot: { current?: string; handshakesAtChange?: number },
  configured: string,
  write: (configured: string) => Promise<void>,
): Promise<void> {
  const { csms } = ctx;
  const requirement = ctx.ocpp === '1.6' ? 'SECWP16-A01.FR.01' : 'A01.FR.02';
  // The station may still be on its way back with the new password (it drops the connection to
  // use it): let it in with that one, and wait for it unless it is back already.
  csms.setBasicAuthPassword(slot.current ?? configured);
  const since = slot.handshakesAtChange ?? csms.handshakes.length;
  if (csms.handshakes.length === since || !csms.connection) {
    try {
      await csms.expectHandshake({ after: since, within: reconnectWindow(ctx.config), requirement });
    } catch (err) {
      // A station that kept its old connection (it did not use the new password) is still there.
      if (!(err instanceof CaseFailure) || !csms.connection) throw err;
    }
  }
  const handshakes = csms.handshakes.length;
  csms.setBasicAuthPassword(configured);
  await write(configured);
  slot.current = configured;
  await awaitOwnReconnect(ctx, handshakes, requirement, 'a connection with the restored password');
}

/**
 * Sets SecurityCtrlr.BasicAuthPassword (A01) and returns the station's attributeStatus; when the
 * station takes the new password, the configured one is restored at case end (it reconnects).
 */
export async function setBasicAuthPassword201(ctx: Ctx201Cs, password: string, requirement: string): Promise<string | undefined> {
  const status = await sendSetVariable(ctx, 'SecurityCtrlr', 'BasicAuthPassword', password, requirement);
  if (status === 'Accepted' || status === 'RebootRequired')
    restorePasswordAfterCase(ctx, password, async (configured) => {
      const back = await sendSetVariable(ctx, 'SecurityCtrlr', 'BasicAuthPassword', configured, 'A01.FR.01');
      ctx.expectOneOf(back, ['Accepted', 'RebootRequired'], 'A01.FR.01', 'SetVariables BasicAuthPassword attributeStatus (restore)');
    });
  return status;
}

/**
 * Writes a new 1.6 AuthorizationKey (whitepaper A01) and returns the charge point's status; when
 * it takes the key, the configured password is written back at case end (it reconnects).
 */
export async function changeAuthorizationKey16(ctx: Ctx16Cs, key: string, requirement: string): Promise<string> {
  const res = await ctx.csms.call('ChangeConfiguration', { key: 'AuthorizationKey', value: key }, { requirement });
  if (res.status === 'Accepted' || res.status === 'RebootRequired')
    restorePasswordAfterCase(ctx, key, async (configured) => {
      const back = await ctx.csms.call('ChangeConfiguration', { key: 'AuthorizationKey', value: configured }, { requirement });
      ctx.expectOneOf(back.status, ['Accepted'], requirement, 'ChangeConfiguration AuthorizationKey status (restore)');
    });
  return res.status;
}

/**
 * For a case that changes several 2.0.1 variables in one SetVariables request itself (what it
 * checks): their values before the change are written back in one request at case end.
 */
export function restoreVariablesAfterCase(
  ctx: Ctx201Cs,
  originals: readonly { component: string; variable: string; value: string }[],
  requirement: string,
): void {
  ctx.afterCase(`restore ${originals.map((o) => `${o.component}.${o.variable}`).join(', ')}`, async () => {
    const res = await ctx.csms.call(
      'SetVariables',
      {
        setVariableData: originals.map((o) => ({
          component: { name: o.component },
          variable: { name: o.variable },
          attributeValue: o.value,
        })),
      },
      { requirement },
    );
    const refused = (res.setVariableResult ?? []).filter((r) => r.attributeStatus !== 'Accepted' && r.attributeStatus !== 'RebootRequired');
    if (refused.length) ctx.note(`restore refused: ${JSON.stringify(refused)}`);
  });
}

/**
 * The harness station accepted a new Basic-auth password from the CSMS (A01, the CSMS rotating
 * it). At case end, pass or fail, it checks which password the CSMS now lets it in with: the new
 * one is used by every later case (as a real station would); if the CSMS still refuses it, later
 * cases keep the configured one.
 */
export function keepPasswordTheCsmsGave(ctx: Ctx201Csms | Ctx16Csms, password: string): void {
  ctx.afterCase('the harness station keeps the password the CSMS gave it, if the CSMS lets it in with it', async () => {
    const { station } = ctx;
    // The CSMS may take the new password only once it saw the old connection close.
    await closeAndWait(ctx);
    const r = await station.tryConnect({ password });
    if (!r.ok) {
      ctx.note(`the CSMS refuses the new password (${dialOutcome(r)}): later cases keep the configured one`);
      return;
    }
    r.conn.close(1000, 'password checked');
    ctx.adoptStationPassword(password);
    ctx.note('the CSMS lets the harness station in with the new password: later cases use it');
  });
}
