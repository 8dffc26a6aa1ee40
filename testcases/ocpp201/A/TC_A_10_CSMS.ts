import { check, defineCase } from '../../../src/dsl.js';
import { closeAndWait, maskPasswordsFrom, reconnectAndBoot } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_10_CSMS',
    title: 'Update Charging Station Password for HTTP Basic Authentication - Rejected',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [1, 2],
    requirements: ['A01.FR.04', 'A01.FR.01'],
    purpose:
      'When the station rejects the new Basic-auth password the CSMS sent, the old password stays valid: the station reconnects with it and is let in.',
    fault: 'password-switched-before-answer',
  },
  async (ctx) => {
    const { station, config } = ctx;
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
    check(item !== undefined, 'A01.FR.01', 'SetVariables for SecurityCtrlr.BasicAuthPassword', 'another variable');
    ctx.secret(item.attributeValue);

    ctx.step('The station rejects the new password and reconnects');
    await station.reply(req, {
      setVariableResult: [{ attributeStatus: 'Rejected', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }],
    });
    await closeAndWait(ctx);

    ctx.step('The station connects with its old password and boots');
    await reconnectAndBoot(ctx, {}, 'A01.FR.04', 'the old password still works after the station rejected the new one');
  },
);
