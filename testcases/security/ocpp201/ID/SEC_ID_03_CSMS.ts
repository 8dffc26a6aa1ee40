import { defineCase } from '../../../../src/dsl.js';
import { bootPayload, callOn, freshIdentity, judgeRefusal } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_ID_03_CSMS',
    title: 'No working session without credentials',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'ID',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-ID-03',
    severity: 'critical',
    cwe: 'CWE-306',
    cve: 'CVE-2026-22552',
    requirements: ['SEC-ID-03', 'A00.FR.202', 'A00.FR.204', 'A00.FR.407'],
    purpose:
      'With Basic authentication configured (security profile 1 or 2) a connection for the known station without credentials, with a wrong password, or with a user name other than its identity is refused with 401; at profile 3 a connection without a client certificate is refused. At profile 0, declared for a lab, nothing is authenticated and accepting unknown stations is the operator registration policy, so the case does not apply. An identity the CSMS does not know gets no working session: it is refused at the handshake (401 with Basic auth), or at least not Accepted at boot.',
    hint: 'Never serve a station without authenticating it: require HTTP Basic (user = identity) or a client certificate before the upgrade, and do not auto-register unknown identities; keep profile 0 to isolated lab setups.',
    fault: 'unknown-identity-auto-accepted',
    // At profile 0, declared for a lab, no identity is authenticated: a CSMS that accepts unknown
    // stations there follows its registration policy (B01 lets it accept, hold Pending or reject),
    // which SEC_DOS_04_CSMS reports as a low policy finding rather than a violation.
    securityProfiles: [1, 2, 3],
  },
  async (ctx) => {
    const { station, config } = ctx;
    if (config.security.profile === 3) {
      // Profile 3: the client certificate is the credential (A00.FR.407: none means no connection).
      ctx.step(`The known station ${config.stationId} connects over TLS without a client certificate: refused`);
      const dial = await station.tryConnect({ tls: station.tlsOptions({ clientCert: null }) });
      const judged = await judgeRefusal(ctx, dial);
      if (!judged.refused) ctx.evidence(`TLS without a client certificate, GET …/${config.stationId} (Upgrade: websocket)`);
      ctx.check(judged.refused, 'A00.FR.407', 'the connection without a client certificate is refused', judged.outcome);
      ctx.note(`no client certificate: ${judged.outcome}`);
    } else {
      const attempts: ReadonlyArray<readonly [string, { password?: string | null; user?: string }, string]> = [
        ['no credentials', { password: null }, 'A00.FR.202'],
        ['a wrong password', { password: 'not-the-station-password-0000' }, 'A00.FR.202'],
        ['the right password under another user name', { user: `${config.stationId}X` }, 'A00.FR.204'],
      ];
      for (const [what, creds, requirement] of attempts) {
        ctx.step(`The known station ${config.stationId} connects with ${what}: HTTP 401, no WebSocket`);
        const dial = await station.tryConnect(creds);
        const judged = await judgeRefusal(ctx, dial);
        if (!judged.refused) ctx.evidence(`GET …/${config.stationId} (Upgrade: websocket) with ${what}`);
        ctx.check(judged.refused, requirement, `the upgrade with ${what} is refused`, judged.outcome);
        ctx.note(`${what}: ${judged.outcome}`);
        if (!dial.ok && dial.status !== undefined && dial.status !== 401)
          ctx.nonStrict(requirement, `${what} was refused with HTTP ${dial.status}; 401 tells the station to authenticate`);
      }
    }

    ctx.step('An identity the CSMS does not know connects (with the configured credentials, if any)');
    const stranger = freshIdentity(ctx, 'NOCRED');
    const dial = await station.tryConnect({ identity: stranger });
    const basicAuth = config.security.profile === 1 || config.security.profile === 2;
    if (!dial.ok) {
      // A refusal counts only while the known station is still let in (a CSMS that refuses everyone proves nothing).
      await judgeRefusal(ctx, dial);
      ctx.note(`unknown identity ${stranger}: refused (${dial.error})`);
      ctx.check(dial.status === undefined || dial.status < 500, 'SEC-ID-03', 'a 4xx refusal of an unknown identity', dial.error);
      // With Basic auth the credentials cannot belong to an unknown identity: A00.FR.202/204 make
      // that a 401. OCPP-J's 404 for an unknown identity is a SHOULD where no credentials are checked.
      if (basicAuth && dial.status !== undefined && dial.status !== 401)
        ctx.nonStrict(
          'A00.FR.204',
          `the unknown identity was refused with HTTP ${dial.status}; with Basic auth its credentials are invalid: 401`,
        );
      if (!basicAuth && dial.status !== undefined && dial.status !== 404)
        ctx.nonStrict('OCPPJ20-3.2', `the unknown identity was refused with HTTP ${dial.status}; 404 says the identity is unknown`);
      return;
    }
    ctx.nonStrict('OCPPJ20-3.2', `the unknown identity ${stranger} was upgraded; a CSMS should answer 404`);
    ctx.step('The unknown station boots: the CSMS must not accept it');
    const boot = await callOn(ctx, dial.conn, 'BootNotification', bootPayload(), { requirement: 'SEC-ID-03' });
    const status = boot.kind === 'result' ? boot.payload.status : `CALLERROR ${boot.errorCode}`;
    if (status === 'Accepted')
      ctx.evidence(
        `GET …/${stranger} (Upgrade: websocket), no credentials`,
        JSON.stringify([2, boot.messageId, 'BootNotification', bootPayload()]),
      );
    ctx.check(
      status !== 'Accepted',
      'SEC-ID-03',
      `no Accepted boot for the unknown identity ${stranger}`,
      'BootNotification Accepted: anyone who invents an identity gets a working session',
    );
    dial.conn.close(1000, 'case finished');
  },
);
