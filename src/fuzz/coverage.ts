import type { Mutation } from './mutate.js';
import type { Outcome } from './judge.js';

/**
 * What a run exercised: cells of (action, field, mutator) the plan could make and the ones it
 * sent, and per cell what the SUT answered (CALLRESULT, each CALLERROR code, close, silence,
 * unresponsive). The plan asks `explored` to prefer cells not sent yet, so a run spreads over
 * the matrix before it repeats a cell; the matrix is printed and written at the end.
 */
export interface CoverageCell {
  action: string;
  /** The payload field the mutation targets (array indices folded), or "(frame)" for envelope mutations. */
  field: string;
  mutator: string;
  sent: number;
  /** Answer class -> count: callresult, callerror:<code>, close, silence, unresponsive, unjudged. */
  answers: Record<string, number>;
}

export interface CoverageReport {
  /** Cells the plan generated (it could have sent). */
  known: number;
  /** Cells sent at least once. */
  explored: number;
  /** Answer class -> count over the run. */
  answers: Record<string, number>;
  actions: { action: string; known: number; explored: number; answers: Record<string, number> }[];
  cells: CoverageCell[];
}

/** The (action, field, mutator) cell of a mutation. */
export function cellOf(m: Pick<Mutation, 'id' | 'action' | 'mutator' | 'violation'>): { action: string; field: string; mutator: string } {
  const prefix = `${m.action}/${m.mutator}/`;
  const target = m.id.startsWith(prefix) ? m.id.slice(prefix.length) : '';
  const payload = m.violation === 'schema' || m.violation === 'none';
  const field =
    payload && target
      ? target
          .split('/')[0]
          .replace(/\[\d+\]/g, '[]')
          .replace(/\.\d+(?=\.|$)/g, '.[]')
      : '(frame)';
  return { action: m.action, field, mutator: m.mutator };
}

/** The class an outcome is counted under. */
export function answerClass(o: Outcome | 'unjudged'): string {
  if (o === 'unjudged') return 'unjudged';
  return o.kind === 'callerror' ? `callerror:${o.errorCode}` : o.kind;
}

export class Coverage {
  private readonly cells = new Map<string, CoverageCell>();
  /** Cell keys by mutation object: the plan asks about each queued mutation many times. */
  private readonly keys = new WeakMap<object, string>();

  private key(m: Pick<Mutation, 'id' | 'action' | 'mutator' | 'violation'>): string {
    let k = this.keys.get(m);
    if (k === undefined) {
      const c = cellOf(m);
      k = `${c.action}\u0000${c.field}\u0000${c.mutator}`;
      this.keys.set(m, k);
    }
    return k;
  }

  private cell(m: Pick<Mutation, 'id' | 'action' | 'mutator' | 'violation'>): CoverageCell {
    const k = this.key(m);
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { ...cellOf(m), sent: 0, answers: {} }));
    return c;
  }

  /** The plan generated this mutation (its cell is known, sent or not). */
  known(m: Pick<Mutation, 'id' | 'action' | 'mutator' | 'violation'>): void {
    this.cell(m);
  }

  /** Whether a mutation of this cell was sent already. */
  explored(m: Pick<Mutation, 'id' | 'action' | 'mutator' | 'violation'>): boolean {
    return (this.cells.get(this.key(m))?.sent ?? 0) > 0;
  }

  sent(m: Pick<Mutation, 'id' | 'action' | 'mutator' | 'violation'>): void {
    this.cell(m).sent++;
  }

  answered(m: Pick<Mutation, 'id' | 'action' | 'mutator' | 'violation'>, o: Outcome | 'unjudged'): void {
    const answers = this.cell(m).answers;
    const k = answerClass(o);
    answers[k] = (answers[k] ?? 0) + 1;
  }

  report(): CoverageReport {
    const cells = [...this.cells.values()].sort(
      (a, b) => a.action.localeCompare(b.action) || a.field.localeCompare(b.field) || a.mutator.localeCompare(b.mutator),
    );
    const byAction = new Map<string, CoverageReport['actions'][number]>();
    const answers: Record<string, number> = {};
    for (const c of cells) {
      let a = byAction.get(c.action);
      if (!a) byAction.set(c.action, (a = { action: c.action, known: 0, explored: 0, answers: {} }));
      a.known++;
      if (c.sent > 0) a.explored++;
      for (const [k, n] of Object.entries(c.answers)) {
        a.answers[k] = (a.answers[k] ?? 0) + n;
        answers[k] = (answers[k] ?? 0) + n;
      }
    }
    return {
      known: cells.length,
      explored: cells.filter((c) => c.sent > 0).length,
      answers,
      actions: [...byAction.values()],
      cells,
    };
  }
}

/** The matrix as text: one line per action (cells explored of known, answers), then the totals. */
export function renderCoverage(r: CoverageReport): string {
  const fmt = (a: Record<string, number>) =>
    Object.entries(a)
      .sort((x, y) => y[1] - x[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const width = Math.max(6, ...r.actions.map((a) => a.action.length));
  const lines = r.actions
    .filter((a) => a.explored > 0)
    .map((a) => `  ${a.action.padEnd(width)} ${String(a.explored).padStart(4)}/${String(a.known).padEnd(4)} ${fmt(a.answers)}`);
  return [
    `coverage: ${r.explored} of ${r.known} (action, field, mutator) cells exercised; answers: ${fmt(r.answers) || 'none'}`,
    ...lines,
  ].join('\n');
}
