import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectField16, operatorCall16 } from '../../../src/kit/index.js';

/** An operator changes a configuration key the charge point does not know (NotSupported) or gives it a value it refuses (Rejected). */
export default defineCaseFamily(
  [
    {
      id: 'TC_040_1_CSMS',
      title: 'Configuration Keys - NotSupported',
      key: 'HarnessUnknownKey',
      value: '1',
      answer: 'NotSupported' as const,
      purpose:
        'An operator sets a key the charge point does not implement: the central system sends ChangeConfiguration with the key spelled exactly as chosen and takes the NotSupported answer.',
    },
    {
      id: 'TC_040_2_CSMS',
      title: 'Configuration Keys - Invalid Value',
      key: 'MeterValueSampleInterval',
      value: '-1',
      answer: 'Rejected' as const,
      purpose:
        'An operator sets a known key to a value the charge point refuses: the central system sends ChangeConfiguration with the key and value as chosen and takes the Rejected answer.',
    },
  ],
  ({ key, value, answer, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'Configuration',
        requirements: ['OCPP16-5.3'],
        fault: 'changeconfig-key-lowercased',
      },
      async (ctx) => {
        const { station, config } = ctx;
        await ctx.given('Booted');

        ctx.step(`The operator sets ${key} to ${value}: the central system sends ChangeConfiguration`);
        const req = await operatorCall16(
          ctx,
          'ChangeConfiguration',
          { key, value },
          'OCPP16-5.3',
          `Make the central system send ChangeConfiguration to ${config.stationId} setting ${key} to ${value}.`,
        );
        expectField16(req.payload.key, key, 'OCPP16-5.3', 'ChangeConfiguration.req key');
        expectField16(req.payload.value, value, 'OCPP16-5.3', 'ChangeConfiguration.req value');

        ctx.step(`The charge point answers ${answer}`);
        await station.reply(req, { status: answer });
      },
    ),
);
