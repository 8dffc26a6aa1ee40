import type { AnyCaseContext } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';

/**
 * Matrix cases record every row before their verdict (issue 9, class 9): each row is its own
 * step, closed pass or fail; a failing row is recorded and the matrix goes on, so the positive and
 * negative controls after it are still reported. `verdict()` then fails on the first failing
 * row's requirement and lists every failing row.
 */

export interface RowFailure {
  row: string;
  requirement: string;
  expected: string;
  actual: string;
}

export class RowVerdicts {
  readonly failures: RowFailure[] = [];
  private steps = 0;
  private failedBefore = 0;

  constructor(private readonly ctx: AnyCaseContext) {}

  /** Opens the step of one row (or of a group of rows). */
  start(title: string, requirement?: string): void {
    this.steps += 1;
    this.failedBefore = this.failures.length;
    this.ctx.step(title, requirement ? { requirement } : {});
  }

  /** Records a failed row; kept for the verdict, not thrown. The step closes failed at `end`. */
  fail(f: RowFailure): void {
    this.failures.push(f);
    this.ctx.note(`row failed (${f.requirement}): ${f.actual}`);
  }

  /** Closes the open step: failed when a row failed since `start`, else passed. */
  end(): void {
    const failed = this.failures.slice(this.failedBefore);
    if (failed.length === 0) return this.ctx.closeStep('pass');
    this.ctx.closeStep(
      'fail',
      failed
        .map((f) => `${f.requirement}: ${f.actual}`)
        .join('; ')
        .slice(0, 1000),
    );
  }

  /**
   * Runs a check that throws CaseFailure (a control, an effect check) as a row of its own: its
   * failure is recorded; anything else (a harness error, an abort) still propagates.
   */
  async control(title: string, check: () => Promise<void>): Promise<void> {
    this.start(title);
    try {
      await check();
    } catch (err) {
      if (!(err instanceof CaseFailure)) throw err;
      this.fail({ row: title, requirement: err.requirement, expected: err.expected.join(' or '), actual: err.actual });
    }
    this.end();
  }

  /** Throws the first failing row's requirement, naming every failing row; returns when all passed. */
  verdict(): void {
    const [first] = this.failures;
    if (!first) return;
    const all =
      this.failures.length === 1
        ? first.actual
        : `${this.failures.length} rows failed (in ${this.steps} steps): ${this.failures.map((f, i) => `(${i + 1}) [${f.requirement}] ${f.actual}`).join('; ')}`;
    throw new CaseFailure(first.requirement, [first.expected], all.length > 2000 ? `${all.slice(0, 2000)}…` : all);
  }
}
