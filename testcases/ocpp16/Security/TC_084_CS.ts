import { check, defineCase } from '../../../src/dsl.js';
import { answerSecurityMessages16, changeConfiguration16, readConfigValue } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_084_CS',
    title: 'Downgrade Charge Point Security Profile - Rejected',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [2, 3],
    requirements: ['SECWP16-A05.FR.01', 'SECWP16-A00.FR.005'],
    purpose:
      'Lowering the security profile through OCPP is not allowed: ChangeConfiguration SecurityProfile with a value one below the current profile is answered Rejected, the charge point keeps its connection on the current profile and still reports the current value.',
    features: ['Security.SecurityProfileUpgrade'],
    fault: 'downgrades-profile',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const from = ctx.securityProfile;
    const to = from - 1;
    const before = csms.handshakes.length;
    const conn = csms.connection;

    ctx.step(`The harness sets SecurityProfile = ${to} (one lower); the charge point rejects it`);
    // A charge point that takes the lower profile is asked for its own back at case end (a post-condition).
    await changeConfiguration16(ctx, 'SecurityProfile', String(to), 'SECWP16-A05.FR.01', { accept: ['Rejected'] });

    ctx.step('The charge point keeps its connection on the current profile');
    await csms.wait(config.timeouts.silenceMs);
    check(
      csms.connection === conn && csms.handshakes.length === before,
      'SECWP16-A00.FR.005',
      'the same connection, no reconnect',
      `${csms.handshakes.length - before} new connection(s)${conn?.closed ? '; the old one closed' : ''}`,
    );

    ctx.step(`The charge point still reports SecurityProfile = ${from}`);
    const value = await readConfigValue(ctx, 'SecurityProfile', 'SECWP16-A05.FR.01');
    check(
      value === String(from),
      'SECWP16-A05.FR.01',
      `GetConfiguration SecurityProfile = ${from}`,
      `SecurityProfile = ${JSON.stringify(value ?? null)}`,
    );
  },
);
