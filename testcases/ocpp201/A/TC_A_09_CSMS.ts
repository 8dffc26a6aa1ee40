import { check, defineCase } from '../../../src/dsl.js';
import { closeAndWait, keepPasswordTheCsmsGave, maskPasswordsFrom, reconnectAndBoot } from '../../../src/kit/index.js';

/** What A00.FR.205 (errata) allows in a BasicAuthPassword (passwordString). */
const PASSWORD_CHARS = /^[A-Za-z0-9*\-_=:+|~.]+$/;

export default defineCase(
  {
    id: 'TC_A_09_CSMS',
    title: 'Update Charging Station Password for HTTP Basic Authentication - Accepted',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [1, 2],
    requirements: ['A01.FR.03', 'A01.FR.01', 'A00.FR.205'],
    purpose:
      'The CSMS rotates the station password: it sends SetVariables SecurityCtrlr.BasicAuthPassword with a new random password of 16 to 40 allowed characters; once the station accepted it and reconnects, the CSMS lets it in with the new password and refuses the old one.',
    fault: 'old-password-kept-after-update',
    hint: 'The CSMS keeps the new password after this case; a real SUT run must set the station password back in the CSMS afterwards.',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const old = config.security.basicAuthPassword;
    await ctx.given('Booted');
    maskPasswordsFrom(ctx, station.connection);

    ctx.step('The operator makes the CSMS set a new Basic-auth password');
    await ctx.manual(
      'csmsSend',
      { message: 'SetVariables', stationId: config.stationId, component: 'SecurityCtrlr', variable: 'BasicAuthPassword' },
      `Make the CSMS give station ${config.stationId} a new Basic-auth password (SetVariables SecurityCtrlr.BasicAuthPassword)`,
    );
    const req = await station.expectCall('SetVariables', { requirement: 'A01.FR.01' });
    const item = (
      req.payload.setVariableData as { component: { name: string }; variable: { name: string }; attributeValue: string }[]
    ).find((d) => d.component.name === 'SecurityCtrlr' && d.variable.name === 'BasicAuthPassword');
    check(
      item !== undefined,
      'A01.FR.01',
      'SetVariables for SecurityCtrlr.BasicAuthPassword',
      JSON.stringify(req.payload.setVariableData.map((d: { variable: { name: string } }) => d.variable.name)),
    );
    const password = ctx.secret(item.attributeValue);
    check(
      password.length >= 16 && password.length <= 40,
      'A00.FR.205',
      'a new password of 16 to 40 characters',
      `${password.length} characters`,
    );
    check(PASSWORD_CHARS.test(password), 'A00.FR.205', 'only the characters a passwordString allows', 'other characters');
    check(password !== old, 'A01.FR.01', 'a password other than the current one', 'the current password');

    ctx.step('The station accepts the new password and reconnects');
    await station.reply(req, {
      setVariableResult: [{ attributeStatus: 'Accepted', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }],
    });
    // Post-condition: later cases use the password the CSMS now expects, pass or fail.
    keepPasswordTheCsmsGave(ctx, password);
    await closeAndWait(ctx);

    ctx.step('A connection with the old password is refused');
    const stale = await station.tryConnect({ password: old ?? null });
    if (stale.ok) stale.conn.close(1000, 'test done');
    check(
      !stale.ok,
      'A01.FR.03',
      'the old password is refused once the station accepted the new one',
      'HTTP 101: the old password still works',
    );

    ctx.step('The station connects with the new password and boots');
    await reconnectAndBoot(ctx, { password }, 'A01.FR.03', 'the CSMS accepts the new password');
  },
);
