import { check, defineCase } from '../../../src/dsl.js';
import {
  connectOptionsAt,
  dialOutcome,
  isAuthorizationKey,
  judgeRefusal,
  keepPasswordTheCsmsGave,
  maskAuthorizationKeysFrom,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_073_CSMS',
    title: 'Update Charge Point Password for HTTP Basic Authentication',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [1, 2],
    requirements: ['SECWP16-A01.FR.03', 'SECWP16-A00.FR.205', 'SECWP16-A01.FR.01'],
    purpose:
      "The operator rotates the charge point's Basic-auth password: the central system writes a new AuthorizationKey (16 to 20 random bytes as hex) with ChangeConfiguration. The charge point accepts, reconnects with the new password and is let in; from then on the central system refuses the old password.",
    fault: 'old-authorization-key-accepted',
  },
  async (ctx) => {
    const { station, config, securityProfile } = ctx;
    const profile = securityProfile as 1 | 2;
    const oldPassword = config.security.basicAuthPassword;
    if (oldPassword === undefined) return ctx.notApplicable('no Basic-auth password is configured (security.basicAuthPassword)');
    await ctx.given('Booted');
    maskAuthorizationKeysFrom(ctx, station.connection);

    ctx.step('The operator renews the charge point password: the central system sends ChangeConfiguration AuthorizationKey');
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeConfiguration', stationId: config.stationId, key: 'AuthorizationKey' },
      `Make the central system set a new Basic-auth password (configuration key AuthorizationKey) for ${config.stationId}.`,
    );
    const req = await station.expectCall('ChangeConfiguration', {
      requirement: 'SECWP16-A01.FR.01',
      where: (p) => p.key === 'AuthorizationKey',
      whereText: 'key = AuthorizationKey',
    });
    const newPassword = typeof req.payload.value === 'string' ? ctx.secret(req.payload.value) : undefined;
    check(
      isAuthorizationKey(newPassword),
      'SECWP16-A00.FR.205',
      'AuthorizationKey value = 16 to 20 bytes written as 32 to 40 hexadecimal digits',
      newPassword === undefined
        ? `value = ${JSON.stringify(req.payload.value)}`
        : `a value of ${newPassword.length} characters that is not 32-40 hex digits`,
    );
    check(
      newPassword !== oldPassword,
      'SECWP16-A01.FR.01',
      'a new password, different from the current one',
      'the current password was sent again',
    );

    ctx.step('The charge point stores the new password, answers Accepted and disconnects');
    await station.reply(req, { status: 'Accepted' });
    // Post-condition: later cases use the password the central system now expects, pass or fail.
    if (newPassword !== undefined) keepPasswordTheCsmsGave(ctx, newPassword);
    station.connection?.close(1000, 'reconnecting with the new password');

    ctx.step('The charge point reconnects with the new password: the central system lets it in');
    let accepted = connectOptionsAt(ctx, profile, { password: newPassword });
    let renewed = await station.tryConnect(accepted);
    // The whitepaper leaves open whether the key's hex text or the bytes it encodes is the password: either is accepted.
    if (!renewed.ok && newPassword !== undefined && isAuthorizationKey(newPassword)) {
      ctx.note(`the key as hex text was refused (${dialOutcome(renewed)}); trying its decoded bytes as the password`);
      accepted = { ...accepted, password: Buffer.from(newPassword, 'hex') };
      renewed = await station.tryConnect(accepted);
    }
    check(renewed.ok, 'SECWP16-A01.FR.01', 'the connection with the new AuthorizationKey is accepted', dialOutcome(renewed));
    await station.call('Heartbeat', {}, { requirement: 'SECWP16-A01.FR.01' });

    ctx.step('A connection with the old password is refused from now on');
    const stale = await station.tryConnect(connectOptionsAt(ctx, profile, { password: oldPassword }));
    const judged = await judgeRefusal(ctx, stale, accepted);
    check(
      judged.refused,
      'SECWP16-A01.FR.03',
      'the upgrade with the previous password is refused once the charge point accepted the new one',
      judged.outcome,
    );
  },
);
