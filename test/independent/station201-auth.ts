/**
 * The authorization cache of the independent 2.0.1 station (station201.ts), written apart from
 * our reference station's: entries keep the whole idTokenInfo and the time they were stored; a
 * cached Accepted token skips Authorize only with LocalPreAuthorize; a cached refusal is asked
 * about again unless DisablePostAuthorize; ClearCache empties an enabled cache and is Rejected
 * by a disabled one. The cache lives as long as the station object, so it outlasts reboots.
 * Groups: every groupIdToken the CSMS names is remembered (cache or not), for stops by another
 * card of the transaction's group and by a master pass (AuthCtrlr.MasterPassGroupId).
 */
import type { Payload } from './common.js';
import type { Variable } from './station201-model.js';

const rw = (component: string, variable: string, value: string, kind: Variable['kind']): Variable => ({
  component,
  variable,
  value,
  mutability: 'ReadWrite',
  kind,
});

export function authCache201(model: Variable[]) {
  model.push(
    rw('AuthCacheCtrlr', 'Enabled', 'true', 'boolean'),
    rw('AuthCacheCtrlr', 'LifeTime', '3600', 'integer'),
    rw('AuthCacheCtrlr', 'DisablePostAuthorize', 'false', 'boolean'),
    { ...rw('AuthCacheCtrlr', 'Storage', '2048', 'integer'), mutability: 'ReadOnly' },
    rw('AuthCtrlr', 'MasterPassGroupId', '', 'string'),
  );
  const groups = new Map<string, string>();
  const is = (component: string, variable: string) =>
    model.find((v) => v.component === component && v.variable === variable)?.value === 'true';
  const entries = new Map<string, { info: Payload; storedAt: number }>();
  const name = (token: Payload) => `${String(token.idToken)}/${String(token.type)}`;
  const lookup = (token: Payload) => {
    const hit = is('AuthCacheCtrlr', 'Enabled') ? entries.get(name(token)) : undefined;
    const lifeS = Number(model.find((v) => v.variable === 'LifeTime')?.value ?? 0);
    const until = hit?.info.cacheExpiryDateTime ? Date.parse(hit.info.cacheExpiryDateTime) : (hit?.storedAt ?? 0) + lifeS * 1000;
    return hit && until > Date.now() ? hit.info : undefined;
  };
  const learn = (token: Payload | undefined, info: Payload | undefined) => {
    if (token && info?.groupIdToken?.idToken) groups.set(name(token), info.groupIdToken.idToken);
    if (token && info?.status && is('AuthCacheCtrlr', 'Enabled')) entries.set(name(token), { info, storedAt: Date.now() });
  };
  const groupOf = (token: Payload) => groups.get(name(token));
  return {
    learn,
    /** Whether the token's group is the master pass group. */
    isMaster: (token: Payload) => {
      const master = model.find((v) => v.variable === 'MasterPassGroupId')?.value;
      return !!master && groupOf(token) === master;
    },
    /** Whether two tokens are known to share a group. */
    sameGroup: (a: Payload, b: Payload) => groupOf(a) !== undefined && groupOf(a) === groupOf(b),
    /** Whether the token may charge: from the cache where allowed, else as the CSMS answers `ask`. */
    async authorize(token: Payload, ask: (p: Payload) => Promise<Payload | undefined>): Promise<boolean> {
      const hit = lookup(token);
      if (hit?.status === 'Accepted' && is('AuthCtrlr', 'LocalPreAuthorize')) return true;
      if (hit && hit.status !== 'Accepted' && is('AuthCacheCtrlr', 'DisablePostAuthorize')) return false;
      const res = await ask({ idToken: token });
      learn(token, res?.idTokenInfo);
      return res?.idTokenInfo?.status === 'Accepted';
    },
    clearCache(): Payload {
      if (!is('AuthCacheCtrlr', 'Enabled')) return { status: 'Rejected' };
      entries.clear();
      return { status: 'Accepted' };
    },
  };
}
