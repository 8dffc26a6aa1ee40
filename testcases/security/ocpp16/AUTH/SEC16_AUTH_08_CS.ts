import { defineCase, type Payload } from '../../../../src/dsl.js';

export default defineCase(
  {
    id: 'SEC16_AUTH_08_CS',
    title: 'The AuthorizationKey cannot be read back',
    ocpp: '1.6',
    sut: 'cs',
    block: 'AUTH',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-AUTH-08',
    severity: 'high',
    cwe: 'CWE-522',
    securityProfiles: [1, 2],
    requirements: ['SECWP16-A00.FR.205', 'SECWP16-A01.FR.12'],
    purpose:
      'The whitepaper\'s AuthorizationKey (the Basic-auth password of profiles 1 and 2) is write-only: GetConfiguration, asked for that key or for all keys, never returns the password, so anybody with central-system access cannot read the charge point\'s credentials.',
    hint: 'Treat AuthorizationKey as write-only: leave it out of GetConfiguration answers or list it without a value.',
    fault: 'authorization-key-readable',
  },
  async (ctx) => {
    const { csms } = ctx;
    const password = ctx.config.security.basicAuthPassword ?? '';
    await ctx.given('Booted');

    const judge = (res: Payload, how: string) => {
      const entry = Array.isArray(res.configurationKey) ? (res.configurationKey as Payload[]).find((k) => k.key === 'AuthorizationKey') : undefined;
      const value = typeof entry?.value === 'string' ? entry.value : undefined;
      ctx.note(`${how}: ${entry ? `listed${value === undefined ? ' without a value' : ` with a value of ${value.length} characters`}` : 'not listed'}`);
      const leaks = value !== undefined && password.length > 0 && value.includes(password);
      if (leaks) ctx.evidence(`GetConfiguration (${how}) returned the AuthorizationKey value (withheld)`);
      ctx.check(!leaks, 'SECWP16-A00.FR.205', `GetConfiguration (${how}) does not reveal the AuthorizationKey`, `the value of AuthorizationKey is the charge point's password (${value?.length} characters, withheld)`);
    };

    ctx.step('GetConfiguration for AuthorizationKey returns no password');
    judge(await csms.call('GetConfiguration', { key: ['AuthorizationKey'] }, { requirement: 'SECWP16-A00.FR.205' }), 'asked by key');

    ctx.step('GetConfiguration for all keys returns no password');
    judge(await csms.call('GetConfiguration', {}, { requirement: 'SECWP16-A00.FR.205' }), 'all keys');
  },
);
