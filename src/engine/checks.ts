import { CaseFailure } from '../core/verdict.js';

/**
 * Fails the case (naming the requirement) unless the condition holds; afterwards TypeScript
 * knows it holds, so `check(result, ...)` narrows `result` to defined. A free function, not a
 * method: TypeScript applies assertion signatures only to explicitly typed names.
 */
export function check(condition: unknown, requirement: string, expected: string, actual: unknown): asserts condition {
  if (!condition) throw new CaseFailure(requirement, [expected], typeof actual === 'string' ? actual : JSON.stringify(actual));
}

/** Fails the case unless `value` is present; returns it narrowed (for use inside expressions). */
export function present<T>(value: T, requirement: string, expected: string, actual: unknown = value): NonNullable<T> {
  check(value !== undefined && value !== null, requirement, expected, actual);
  return value as NonNullable<T>;
}
