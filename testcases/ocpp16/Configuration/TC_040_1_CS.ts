import { check, defineCase } from '../../../src/dsl.js';

/** A key no charge point implements (vendor keys are not expected to look like this). */
const UNKNOWN_KEY = 'OcppHarnessUnknownKey';

export default defineCase(
  {
    id: 'TC_040_1_CS',
    title: 'Configuration Keys - NotSupported',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Configuration',
    requirements: ['OCPP16-5.3', 'OCPP16-5.8'],
    purpose:
      'A charge point asked to change a configuration key it does not have answers NotSupported, and lists the key as unknown when asked for it.',
    fault: 'changeconfig-unknown-key-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step(`The harness sends ChangeConfiguration for the unknown key ${UNKNOWN_KEY}`);
    const res = await csms.call('ChangeConfiguration', { key: UNKNOWN_KEY, value: 'true' }, { requirement: 'OCPP16-5.3' });

    ctx.step('The charge point answers NotSupported');
    ctx.expectOneOf(res.status, ['NotSupported'], 'OCPP16-5.3', 'ChangeConfiguration.conf status');

    ctx.step('Asked for the key, the charge point lists it under unknownKey');
    const conf = await csms.call('GetConfiguration', { key: [UNKNOWN_KEY] }, { requirement: 'OCPP16-5.8' });
    check(
      (conf.unknownKey ?? []).includes(UNKNOWN_KEY) && !(conf.configurationKey ?? []).length,
      'OCPP16-5.8',
      `unknownKey = [${UNKNOWN_KEY}] and no configurationKey`,
      conf,
    );
  },
);
