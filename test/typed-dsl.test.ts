import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

/**
 * defineCase types a case by its version and SUT role (src/dsl.ts, src/engine/typed-context.ts):
 * its fault, the actions its endpoint sends and expects, and their payloads from the OCA schemas.
 * The fixtures are type-checked with the project's compiler options.
 */
function typeErrors(fixture: string): { line: number; text: string }[] {
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(resolve('tsconfig.json'), ts.sys.readFile).config, ts.sys, resolve('.'));
  const file = resolve('test/fixtures/typed-dsl', fixture);
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`no fixture ${file}`);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
    line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

/** Lines of a fixture marked `// error:`. */
function markedLines(fixture: string): number[] {
  return readFileSync(resolve('test/fixtures/typed-dsl', fixture), 'utf8')
    .split('\n')
    .flatMap((l, i) => (/\/\/ error:/.test(l) ? [i + 1] : []));
}

describe('typed DSL', () => {
  it('cases (outside testcases/security), the kit and the states use the free check(), not ctx.check()', () => {
    const run = spawnSync('grep', ['-rln', 'ctx\\.check(', 'testcases', 'src/kit', 'src/states'], { encoding: 'utf8' });
    expect(run.stdout.split('\n').filter((f) => f && !f.startsWith('testcases/security/'))).toEqual([]);
  });

  it('accepts known faults, actions and payloads, and the explicit escapes', () => {
    expect(typeErrors('accepted.ts')).toEqual([]);
  });

  it('refuses a wrong fault name, action name or payload field at compile time', () => {
    const errors = typeErrors('refused.ts');
    expect([...new Set(errors.map((e) => e.line))]).toEqual(markedLines('refused.ts'));
    const at = (line: number) =>
      errors
        .filter((e) => e.line === line)
        .map((e) => e.text)
        .join('\n');
    const [fault = 0, foreign = 0, action = 0, action16 = 0, field = 0, value = 0] = markedLines('refused.ts');
    expect(at(fault)).toMatch(/"no-such-fault"/);
    expect(at(foreign)).toMatch(/"boot-invalid-reason"/);
    expect(at(action)).toMatch(/BootNotifcation/);
    expect(at(action16)).toMatch(/RemoteStartTransaction/);
    expect(at(field)).toMatch(/chargePointVendor/);
    expect(at(value)).toMatch(/Acepted/);
  });
});
