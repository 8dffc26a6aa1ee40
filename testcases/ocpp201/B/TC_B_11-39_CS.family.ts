import { check, defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { readVariable201, restoreVariablesAfterCase, unsupportedAttribute } from '../../../src/kit/index.js';

type Ctx201Cs = TypedCaseContext<'2.0.1', 'cs'>;

/**
 * GetVariables and SetVariables entries the station cannot serve as asked: a component or a
 * variable it does not have, an attribute type the variable lacks (taken from the station's own
 * FullInventory), a read-only variable, a value of the wrong format. Each is answered, entry by
 * entry, with its own status; a refused write leaves the value as it was.
 */
type Target = 'unknownComponent' | 'unknownVariable' | 'unsupportedAttribute' | 'readOnly' | 'badFormat';

interface Entry {
  component: { name: string; instance?: string };
  variable: { name: string; instance?: string };
  attributeType?: 'Target' | 'MinSet' | 'MaxSet';
  /** SetVariables: the value written. */
  value: string;
}

const UNKNOWN_COMPONENT = 'HarnessUnknownCtrlr';
const UNKNOWN_VARIABLE = 'HarnessUnknownVariable';

async function entryFor(ctx: Ctx201Cs, target: Target, op: 'Get' | 'Set'): Promise<Entry> {
  switch (target) {
    case 'unknownComponent':
      return { component: { name: UNKNOWN_COMPONENT }, variable: { name: 'HeartbeatInterval' }, value: '60' };
    case 'unknownVariable':
      return { component: { name: 'OCPPCommCtrlr' }, variable: { name: UNKNOWN_VARIABLE }, value: '60' };
    case 'unsupportedAttribute': {
      ctx.step('The harness reads the FullInventory to find a variable and an attribute type the station does not list for it');
      const u = await unsupportedAttribute(ctx, op === 'Set');
      ctx.note(`chosen: ${u.component.name}.${u.variable.name} attribute ${u.attributeType}`);
      // Writing the Actual value back: nothing changes even if a station wrote it as Actual.
      return { component: u.component, variable: u.variable, attributeType: u.attributeType, value: u.actualValue ?? '60' };
    }
    case 'readOnly':
      // Read-only in the 2.0.1 device model (DeviceDataCtrlr.ItemsPerMessage).
      return { component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetVariables' }, value: '1' };
    case 'badFormat':
      // HeartbeatInterval is an integer: a word is not a value of its data type.
      return { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, value: 'sixty' };
  }
}

/** The current Actual value of a (station-level, maybe instanced) variable, or undefined. */
async function actualOf(ctx: Ctx201Cs, e: Entry): Promise<string | undefined> {
  if (e.variable.instance === undefined && e.component.instance === undefined)
    return readVariable201(ctx, e.component.name, e.variable.name);
  const res = await ctx.csms.call('GetVariables', { getVariableData: [{ component: e.component, variable: e.variable }] });
  const r = res.getVariableResult[0];
  return r?.attributeStatus === 'Accepted' ? r.attributeValue : undefined;
}

export default defineCaseFamily(
  [
    {
      id: 'TC_B_32_CS',
      title: 'Get Variables - Unknown component',
      op: 'Get',
      target: 'unknownComponent',
      expected: 'UnknownComponent',
      requirement: 'B06.FR.06',
      purpose:
        'Asked for a variable of a component it does not have, the station answers the entry with UnknownComponent, without a value.',
      fault: 'getvar-unknown-component-misreported',
    },
    {
      id: 'TC_B_33_CS',
      title: 'Get Variables - Unknown variable',
      op: 'Get',
      target: 'unknownVariable',
      expected: 'UnknownVariable',
      requirement: 'B06.FR.07',
      purpose:
        'Asked for a variable that a component it has does not have, the station answers the entry with UnknownVariable, without a value.',
      fault: 'getvar-unknown-variable-misreported',
    },
    {
      id: 'TC_B_34_CS',
      title: 'Get Variables - Not supported attribute type',
      op: 'Get',
      target: 'unsupportedAttribute',
      expected: 'NotSupportedAttributeType',
      requirement: 'B06.FR.08',
      purpose:
        'Asked for an attribute type that its own inventory does not list for the variable, the station answers NotSupportedAttributeType, without a value.',
      fault: 'getvar-attribute-type-ignored',
    },
    {
      id: 'TC_B_35_CS',
      title: 'Set Variables - Unknown component',
      op: 'Set',
      target: 'unknownComponent',
      expected: 'UnknownComponent',
      requirement: 'B05.FR.04',
      purpose: 'A write to a variable of a component the station does not have is answered UnknownComponent.',
      fault: 'setvar-unknown-component-misreported',
    },
    {
      id: 'TC_B_36_CS',
      title: 'Set Variables - Unknown variable',
      op: 'Set',
      target: 'unknownVariable',
      expected: 'UnknownVariable',
      requirement: 'B05.FR.05',
      purpose: 'A write to a variable that a known component does not have is answered UnknownVariable.',
      fault: 'setvar-unknown-variable-misreported',
    },
    {
      id: 'TC_B_37_CS',
      title: 'Set Variables - Not supported attribute type',
      op: 'Set',
      target: 'unsupportedAttribute',
      expected: 'NotSupportedAttributeType',
      requirement: 'B05.FR.06',
      purpose:
        'A write to an attribute type that its own inventory does not list for the variable is answered NotSupportedAttributeType, and the value stays as it was.',
      fault: 'setvar-attribute-type-ignored',
    },
    {
      id: 'TC_B_39_CS',
      title: 'Set Variables - Read-only',
      op: 'Set',
      target: 'readOnly',
      expected: 'Rejected',
      requirement: 'B05.FR.08',
      purpose: 'A write to a variable the device model declares read-only is refused with Rejected, and the value stays as it was.',
      fault: 'setvar-readonly-accepted',
    },
    {
      id: 'TC_B_11_CS',
      title: 'Set Variables - invalidly formatted values',
      op: 'Set',
      target: 'badFormat',
      expected: 'Rejected',
      requirement: 'B05.FR.07',
      purpose:
        'A value that is not of the variable’s data type (a word for the integer HeartbeatInterval) is refused with Rejected, and the value stays as it was.',
      fault: 'setvar-invalid-format-accepted',
    },
  ] as const,
  ({ op, target, expected, requirement, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'B',
        requirements: [requirement, op === 'Get' ? 'B06.FR.01' : 'B05.FR.01'],
      },
      async (ctx) => {
        const { csms } = ctx;
        await ctx.given('Booted');
        const e = await entryFor(ctx, target, op);
        const name = `${e.component.name}.${e.variable.name}${e.variable.instance ? `[${e.variable.instance}]` : ''}`;
        const attr = e.attributeType ? { attributeType: e.attributeType } : {};

        if (op === 'Get') {
          ctx.step(`The harness asks for ${name}${e.attributeType ? ` (${e.attributeType})` : ''}`);
          const res = await csms.call(
            'GetVariables',
            { getVariableData: [{ component: e.component, variable: e.variable, ...attr }] },
            { requirement: 'B06.FR.01' },
          );
          const results = res.getVariableResult;
          check(results.length === 1, 'B06.FR.01', 'exactly one getVariableResult', results);
          ctx.step(`The entry is answered ${expected}, without a value`);
          ctx.expectOneOf(results[0].attributeStatus, [expected], requirement, 'attributeStatus');
          check(results[0].attributeValue === undefined, requirement, 'no attributeValue', results[0]);
          return;
        }

        // A write the station should refuse: what it holds now must hold afterwards.
        const known = target === 'readOnly' || target === 'badFormat' ? await actualOf(ctx, e) : undefined;
        if (known !== undefined && target === 'badFormat')
          restoreVariablesAfterCase(ctx, [{ component: e.component.name, variable: e.variable.name, value: known }], 'B05.FR.01');
        ctx.step(`The harness writes ${JSON.stringify(e.value)} to ${name}${e.attributeType ? ` (${e.attributeType})` : ''}`);
        const res = await csms.call(
          'SetVariables',
          { setVariableData: [{ component: e.component, variable: e.variable, attributeValue: e.value, ...attr }] },
          { requirement: 'B05.FR.01' },
        );
        const results = res.setVariableResult;
        check(results.length === 1, 'B05.FR.01', 'exactly one setVariableResult', results);
        ctx.step(`The entry is answered ${expected}`);
        ctx.expectOneOf(results[0].attributeStatus, [expected], requirement, 'attributeStatus');
        if (known !== undefined) {
          ctx.step(`${name} still holds its value`);
          const after = await actualOf(ctx, e);
          check(after === known, requirement, `${name} unchanged (${JSON.stringify(known)})`, after);
        }
      },
    ),
);
