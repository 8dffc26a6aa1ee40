import { defineCase } from '../../../../src/dsl.js';
import { wsTarget, judgeRefusal } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_TLS_06_CSMS',
    title: 'A station registered for TLS cannot connect without it',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'TLS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-TLS-06',
    severity: 'critical',
    cwe: 'CWE-319',
    securityProfiles: [2, 3],
    requirements: ['A00.FR.002', 'A00.FR.407'],
    purpose:
      'A station registered on security profile 2 or 3 is refused when it connects over plain ws:// (with its credentials), and on profile 3 also when it connects over TLS without a client certificate but with Basic credentials: the CSMS only accepts the profile the station is registered with.',
    hint: 'Bind each station to its security profile and refuse connections that use another one; do not serve ws:// and wss:// interchangeably for the same identity.',
    fault: 'plain-ws-accepted-for-tls-station',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const password = config.security.basicAuthPassword ?? ctx.secret('Plain-Connection-Password-01');

    ctx.step('The station connects over plain ws:// with Basic credentials: refused');
    const plain = await station.tryConnect({ target: wsTarget(ctx), password, tls: undefined });
    const plainJudged = await judgeRefusal(ctx, plain);
    ctx.check(
      plainJudged.refused,
      'A00.FR.002',
      `a plain ws:// connection of a profile-${ctx.securityProfile} station is refused`,
      plainJudged.outcome,
    );

    ctx.step('The station connects over plain ws:// without credentials: refused');
    const bare = await station.tryConnect({ target: wsTarget(ctx), password: null });
    const bareJudged = await judgeRefusal(ctx, bare);
    ctx.check(bareJudged.refused, 'A00.FR.002', 'a plain ws:// connection without credentials is refused', bareJudged.outcome);

    if (ctx.securityProfile === 3) {
      ctx.step('The station connects over TLS with Basic credentials but no client certificate: refused');
      const basic = await station.tryConnect({ tls: station.tlsOptions({ clientCert: null }), password });
      const basicJudged = await judgeRefusal(ctx, basic);
      ctx.check(
        basicJudged.refused,
        'A00.FR.407',
        'a profile-3 station without a client certificate is refused, whatever Basic credentials it sends',
        basicJudged.outcome,
      );
    }

    ctx.step('On its own profile the station still connects');
    const ok = await station.tryConnect();
    ctx.check(ok.ok, 'A00.FR.002', 'the station is accepted on its registered profile', ok.ok ? '' : ok.error);
  },
);
