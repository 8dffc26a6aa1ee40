import { check, defineCase } from '../../../src/dsl.js';
import { changeConfiguration16 } from '../../../src/kit/index.js';

const KEY = 'MeterValueSampleInterval';
/** Not a valid interval: the key holds a non-negative number of seconds. */
const INVALID = '-1';

export default defineCase(
  {
    id: 'TC_040_2_CS',
    title: 'Configuration Keys - Invalid Value',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Configuration',
    requirements: ['OCPP16-5.3', 'OCPP16-5.8'],
    purpose:
      'A charge point asked to set a known, writable key to a value outside what the key allows answers Rejected and keeps its previous value.',
    fault: 'changeconfig-invalid-value-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step(`The harness reads the current ${KEY}`);
    const before = await csms.call('GetConfiguration', { key: [KEY] }, { requirement: 'OCPP16-5.8' });
    const original = (before.configurationKey ?? []).find((k: { key: string }) => k.key === KEY)?.value;

    // A charge point that takes the invalid value gets its old one back at case end (a post-condition).
    ctx.step(`The harness sends ChangeConfiguration ${KEY} = ${INVALID}; the charge point answers Rejected`);
    await changeConfiguration16(ctx, KEY, INVALID, 'OCPP16-5.3', { accept: ['Rejected'] });

    ctx.step(`The charge point still reports the previous ${KEY}`);
    const after = await csms.call('GetConfiguration', { key: [KEY] }, { requirement: 'OCPP16-5.8' });
    const now = (after.configurationKey ?? []).find((k: { key: string }) => k.key === KEY)?.value;
    check(now === original, 'OCPP16-5.3', `${KEY} unchanged (${original})`, `${KEY} = ${now}`);
  },
);
