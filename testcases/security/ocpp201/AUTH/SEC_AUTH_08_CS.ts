import { defineCase } from '../../../../src/dsl.js';

export default defineCase(
  {
    id: 'SEC_AUTH_08_CS',
    title: 'The Basic-auth password cannot be read back',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'AUTH',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-AUTH-08',
    severity: 'high',
    cwe: 'CWE-522',
    requirements: ['B07.FR.03', 'A00.FR.205'],
    purpose:
      'SecurityCtrlr.BasicAuthPassword is write-only: GetVariables never returns its value (the result is Rejected or carries no attributeValue), so anybody with CSMS access cannot read the station credentials.',
    hint: 'Declare BasicAuthPassword WriteOnly and answer GetVariables for it with attributeStatus Rejected; leave it out of GetBaseReport and GetReport results.',
    fault: 'password-readable',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('GetVariables SecurityCtrlr.BasicAuthPassword returns no value');
    const res = await csms.call('GetVariables', { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] }, { requirement: 'B07.FR.03' });
    const r = res.getVariableResult?.[0];
    ctx.check(r !== undefined, 'B07.FR.03', 'a GetVariables result for SecurityCtrlr.BasicAuthPassword', res);
    ctx.note(`attributeStatus ${JSON.stringify(r.attributeStatus)}${r.attributeValue !== undefined ? ' with a value' : ', no value'}`);
    if (r.attributeValue !== undefined) ctx.evidence('GetVariables SecurityCtrlr.BasicAuthPassword answered with an attributeValue (value withheld)');
    ctx.check(r.attributeValue === undefined, 'B07.FR.03', 'no attributeValue for the write-only password', `attributeStatus ${r.attributeStatus} with a value of ${String(r.attributeValue).length} characters`);
    ctx.check(r.attributeStatus !== 'Accepted' || r.attributeValue === undefined, 'B07.FR.03', 'attributeStatus Rejected (write-only) or UnknownVariable', `attributeStatus ${r.attributeStatus}`);
  },
);
