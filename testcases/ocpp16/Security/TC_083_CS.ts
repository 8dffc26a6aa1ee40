import { CaseFailure, check, defineCase, type SecurityProfile } from '../../../src/dsl.js';
import { answerSecurityMessages16, ensureCsmsRoot, readConfigValue, reconnectWithin } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_083_CS',
    title: 'Upgrade Charge Point Security Profile - Accepted',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [1, 2],
    requirements: ['SECWP16-A05.FR.05', 'SECWP16-A05.FR.02', 'SECWP16-A05.FR.03', 'SECWP16-A05.FR.04'],
    purpose:
      "The central system raises the charge point's security profile by one with ChangeConfiguration SecurityProfile (1 to 2, or 2 to 3). The charge point has what the higher profile needs (a password, the CentralSystemRootCertificate, a client certificate for profile 3), so it accepts, drops the connection and reconnects on the higher profile only: TLS to the same host and port for profile 2, plus its client certificate for profile 3. A real charge point stays on the higher profile after this case.",
    features: ['Security.SecurityProfileUpgrade'],
    fault: 'security-profile-not-applied',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const from = ctx.securityProfile;
    const to = (from + 1) as SecurityProfile;

    if (to === 2) {
      ctx.step('Precondition: the charge point trusts the central system root of this run (installed when missing)');
      await ensureCsmsRoot(ctx);
    }

    ctx.step(`The central system accepts connections on security profile ${to} only from now on`);
    csms.acceptProfiles([to]);
    const before = csms.handshakes.length;

    ctx.step(`The harness sets SecurityProfile = ${to}; the charge point accepts`);
    const res = await csms.call('ChangeConfiguration', { key: 'SecurityProfile', value: String(to) }, { requirement: 'SECWP16-A05.FR.05' });
    ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-A05.FR.05', 'ChangeConfiguration.conf status');

    ctx.step(`The charge point reconnects on security profile ${to}`);
    const h = await csms.expectHandshake({
      after: before,
      within: reconnectWithin(ctx),
      requirement: 'SECWP16-A05.FR.05',
      expected: `a new connection on security profile ${to} (${to === 3 ? 'TLS with a client certificate' : 'TLS with Basic auth'}); the listener refuses profile ${from} now`,
    });
    check(h.profile === to, 'SECWP16-A05.FR.05', `security profile ${to}`, `security profile ${h.profile}`);
    ctx.note(
      `reconnected on profile ${h.profile}${h.tls ? ` over ${h.tls.protocol} ${h.tls.cipher}` : ''}${h.tls?.clientCert ? ` with client certificate CN=${JSON.stringify(h.tls.clientCert.subjectCN)}` : ''}`,
    );

    ctx.step(`The charge point registers again and reports SecurityProfile = ${to}`);
    try {
      await csms.expectCall('BootNotification', { within: config.timeouts.messageMs, requirement: 'SECWP16-A05.FR.05' });
    } catch (err) {
      if (!(err instanceof CaseFailure)) throw err;
      ctx.note('no BootNotification after the reconnect (the whitepaper does not demand one)');
    }
    const value = await readConfigValue(ctx, 'SecurityProfile', 'SECWP16-A05.FR.05');
    check(
      value === String(to),
      'SECWP16-A05.FR.05',
      `GetConfiguration SecurityProfile = ${to}`,
      `SecurityProfile = ${JSON.stringify(value ?? null)}`,
    );
  },
);
