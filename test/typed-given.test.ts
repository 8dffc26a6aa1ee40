import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import ts from 'typescript';

/**
 * ctx.given is typed per OCPP version and SUT role (src/dsl.ts): the fixtures are type-checked
 * with the project's compiler options, and only the known state names compile.
 */
function typeErrors(fixture: string): { line: number; code: number; text: string }[] {
  const configPath = resolve('tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, resolve('.'));
  const file = resolve('test/fixtures/typed-given', fixture);
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  const source = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
    line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
    code: d.code,
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('typed given', () => {
  it('accepts the states of the case version and role', () => {
    expect(typeErrors('known-states.ts')).toEqual([]);
  });

  it('refuses a state the version and role do not have, at compile time', () => {
    const errors = typeErrors('unknown-states.ts');
    expect(errors.map((e) => e.line)).toEqual([11, 12, 19, 20]);
    for (const e of errors) expect(e.code).toBe(2345); // argument not assignable to the state-name union
    expect(errors[0]!.text).toMatch(/"Charging"/);
    expect(errors[0]!.text).toMatch(/"Booted" \| "EVConnectedPreSession" \| "Authorized" \| "EnergyTransferStarted"/);
  });
});
