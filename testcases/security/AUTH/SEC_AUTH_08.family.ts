import {
  check,
  defineCase,
  defineCaseFamily,
  type CaseContext,
  type Payload,
  type SecurityProfile,
  untypedContext,
} from '../../../src/dsl.js';
import { revealsSecret } from '../../../src/kit/index.js';

/**
 * SEC-AUTH-08, the Basic-auth password of a station cannot be read back, for both versions. Two
 * reads each: the setting by name, and everything the station reports (1.6: GetConfiguration
 * without keys; 2.0.1: the full inventory report, where the station offers GetBaseReport). A
 * value for the write-only setting is a leak.
 */

const ROWS = [
  {
    id: 'SEC16_AUTH_08_CS',
    ocpp: '1.6',
    title: 'The AuthorizationKey cannot be read back',
    purpose:
      "The whitepaper's AuthorizationKey (the Basic-auth password of profiles 1 and 2) is write-only: GetConfiguration, asked for that key or for all keys, never returns the password, so anybody with central-system access cannot read the charge point's credentials.",
    hint: 'Treat AuthorizationKey as write-only: leave it out of GetConfiguration answers or list it without a value.',
    fault: 'authorization-key-readable',
    requirements: ['SECWP16-A00.FR.205', 'SECWP16-A01.FR.12'],
  },
  {
    id: 'SEC_AUTH_08_CS',
    ocpp: '2.0.1',
    title: 'The Basic-auth password cannot be read back',
    purpose:
      'SecurityCtrlr.BasicAuthPassword is write-only: GetVariables never returns its value (the result is Rejected or carries no attributeValue), and a full inventory report does not carry it either, so anybody with CSMS access cannot read the station credentials.',
    hint: 'Declare BasicAuthPassword WriteOnly and answer GetVariables for it with attributeStatus Rejected; leave it out of GetBaseReport and GetReport results.',
    fault: 'password-readable',
    requirements: ['B07.FR.03', 'A00.FR.205'],
  },
] as const;

/** The whitepaper's AuthorizationKey exists on profiles 1 and 2 only; 2.0.1 keeps the variable on every profile. */
const SECURITY_PROFILES: Partial<Record<string, SecurityProfile[]>> = { SEC16_AUTH_08_CS: [1, 2] };

/** What a read returned for the password setting: whether it is listed, and its value. */
interface Read {
  listed: boolean;
  value?: string;
  status?: string;
}

/** The password setting read by name, in the version's message. */
async function readByName(ctx: CaseContext, requirement: string): Promise<Read> {
  if (ctx.ocpp === '1.6') return fromConfiguration(await ctx.csms.call('GetConfiguration', { key: ['AuthorizationKey'] }, { requirement }));
  const res = await ctx.csms.call(
    'GetVariables',
    { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] },
    { requirement },
  );
  const r = res.getVariableResult?.[0];
  check(r !== undefined, requirement, 'a GetVariables result for SecurityCtrlr.BasicAuthPassword', res);
  return {
    listed: true,
    status: String(r.attributeStatus),
    ...(r.attributeValue !== undefined ? { value: String(r.attributeValue) } : {}),
  };
}

function fromConfiguration(res: Payload): Read {
  const entry = Array.isArray(res.configurationKey)
    ? (res.configurationKey as Payload[]).find((k) => k.key === 'AuthorizationKey')
    : undefined;
  return { listed: entry !== undefined, ...(typeof entry?.value === 'string' ? { value: entry.value } : {}) };
}

/** Everything the station reports; undefined when it offers no such report. */
async function readAll(ctx: CaseContext, requirement: string): Promise<Read | undefined> {
  const { csms } = ctx;
  if (ctx.ocpp === '1.6') return fromConfiguration(await csms.call('GetConfiguration', {}, { requirement }));
  const requestId = 1 + Math.floor(Math.random() * 1_000_000);
  const res = await csms.callMayError('GetBaseReport', { requestId, reportBase: 'FullInventory' }, { requirement });
  if (res.kind === 'error' || res.payload.status !== 'Accepted') {
    ctx.note(
      `GetBaseReport FullInventory: ${res.kind === 'error' ? `CALLERROR ${res.errorCode}` : res.payload.status}; the report cannot be read`,
    );
    return undefined;
  }
  const found: Read = { listed: false };
  for (let more = true; more;) {
    const part = await csms.expectCall('NotifyReport', {
      where: (p) => p.requestId === requestId,
      whereText: `requestId ${requestId}`,
      requirement,
    });
    await csms.reply(part, {});
    more = part.payload.tbc === true;
    const entry = (part.payload.reportData as Payload[] | undefined)?.find(
      (d) => d.component?.name === 'SecurityCtrlr' && d.variable?.name === 'BasicAuthPassword',
    );
    const value = (entry?.variableAttribute as Payload[] | undefined)?.find((a) => a.value !== undefined)?.value;
    if (entry) Object.assign(found, { listed: true }, value !== undefined ? { value: String(value) } : {});
  }
  return found;
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      ...(SECURITY_PROFILES[row.id] ? { securityProfiles: SECURITY_PROFILES[row.id] } : {}),
      sut: 'cs',
      block: 'AUTH',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-AUTH-08',
      severity: 'high',
      cwe: 'CWE-522',
    },
    async (ctx) => {
      const [leak] = row.requirements;
      const password = ctx.config.security.basicAuthPassword ?? '';
      const setting = row.ocpp === '1.6' ? 'AuthorizationKey' : 'SecurityCtrlr.BasicAuthPassword';
      const judge = (r: Read, how: string) => {
        ctx.note(
          `${how}: ${r.listed ? `listed${r.status ? ` (${r.status})` : ''}${r.value === undefined ? ' without a value' : ` with a value of ${r.value.length} characters`}` : 'not listed'}`,
        );
        // A placeholder such as "****" hides nothing only when it does not carry the password, in
        // any encoding (plain, hex, base64, the hex key's decoded bytes): kit revealsSecret.
        const encoding = r.value === undefined ? undefined : revealsSecret(r.value, password);
        const leaks = r.value !== undefined && (row.ocpp === '2.0.1' || encoding !== undefined);
        if (leaks) ctx.evidence(`${how} returned a value for ${setting} (withheld)`);
        check(
          !leaks,
          leak,
          `${how} does not reveal ${setting}`,
          `a value of ${r.value?.length} characters (withheld)${encoding ? `: the password, ${encoding}` : ''}`,
        );
      };
      await ctx.given('Booted');

      ctx.step(`Reading ${setting} by name returns no password`);
      judge(await readByName(untypedContext(ctx), leak), `reading ${setting} by name`);

      ctx.step('Everything the station reports carries no password');
      const all = await readAll(untypedContext(ctx), leak);
      if (all) judge(all, 'the full report');
    },
  ),
);
