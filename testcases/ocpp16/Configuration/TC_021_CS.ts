import { check, defineCase } from '../../../src/dsl.js';
import { changeConfiguration16 } from '../../../src/kit/index.js';

const KEY = 'MeterValueSampleInterval';

export default defineCase(
  {
    id: 'TC_021_CS',
    title: 'Change/Set Configuration',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Configuration',
    requirements: ['OCPP16-5.3', 'OCPP16-5.8'],
    purpose:
      'A charge point accepts a valid new value for a writable Core key and from then on reports that value; the harness puts the original value back afterwards.',
    fault: 'changeconfig-not-persisted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step(`The harness reads the current ${KEY}`);
    const before = await csms.call('GetConfiguration', { key: [KEY] }, { requirement: 'OCPP16-5.8' });
    const entry = (before.configurationKey ?? []).find((k: { key: string }) => k.key === KEY);
    check(entry !== undefined && entry.readonly === false, 'OCPP16-5.8', `${KEY} listed as writable`, before);
    const original = String(entry.value ?? '');
    const configured = config.ids.meterValueSampleIntervalS;
    const wanted = String(original === String(configured) ? configured + 1 : configured);

    ctx.step(`The harness sets ${KEY} to ${wanted}; the charge point accepts it (the original value is restored at case end)`);
    await changeConfiguration16(ctx, KEY, wanted, 'OCPP16-5.3');

    ctx.step(`The charge point now reports ${KEY} = ${wanted}`);
    const after = await csms.call('GetConfiguration', { key: [KEY] }, { requirement: 'OCPP16-5.8' });
    const now = (after.configurationKey ?? []).find((k: { key: string }) => k.key === KEY);
    check(now?.value === wanted, 'OCPP16-5.3', `${KEY} = ${wanted} after an accepted change`, `${KEY} = ${now?.value}`);
  },
);
