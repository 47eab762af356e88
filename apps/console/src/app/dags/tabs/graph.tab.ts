import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { mostUrgentState, TaskState } from '@updraft/domain';
import { DagGraphComponent } from '../../shared/graph/dag-graph.component';
import type { GraphInput } from '../../shared/graph/graph-layout';
import { StateLegendComponent } from '../../shared/state-legend.component';
import { stateOfCode } from '../../shared/state-colors';
import { DagPageStore } from '../dag-page.store';
import { RunPickerComponent } from '../run-picker.component';

@Component({
  selector: 'ud-graph-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DagGraphComponent, RunPickerComponent, StateLegendComponent],
  template: `
    <div class="toolbar">
      <ud-run-picker />
      <ud-state-legend />
    </div>
    @if (graph(); as graph) {
      <ud-dag-graph
        [graph]="graph"
        [states]="states()"
        (openTask)="openTask($event)"
        (toggleGroup)="toggleGroup($event)"
      />
    } @else {
      <p class="muted">Loading the DAG…</p>
    }
  `,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
  `,
})
export class GraphTab {
  protected readonly store = inject(DagPageStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  /** Folded groups live in the URL (`?fold=extract,load`), so a reload or a shared link draws the same graph. */
  private readonly collapsed = computed(() => (this.query().get('fold') ?? '').split(',').filter(Boolean));

  /** The structure only: a new state in the run recolours the drawing without laying it out again. */
  protected readonly graph = computed(
    (): GraphInput | null => {
      const dag = this.store.dag();
      const grid = this.store.grid();
      if (!dag || !grid) return null;
      return {
        tasks: grid.tasks.map((t) => ({ id: t.taskId, groupId: t.groupId, operator: t.operator })),
        groups: grid.groups.map((g) => ({ id: g.groupId, parentId: g.parentGroupId })),
        edges: dag.tasks.flatMap((t) => t.upstream.map((up): [string, string] => [up, t.taskId])),
        collapsed: this.collapsed(),
      };
    },
    { equal: (a, b) => a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b)) },
  );

  protected readonly states = computed(() => {
    const grid = this.store.grid();
    const run = this.store.selectedRun();
    const states = new Map<string, string>();
    if (!grid || !run) return states;
    const byGroup = new Map<string, TaskState[]>();
    const parents = new Map(grid.groups.map((g) => [g.groupId, g.parentGroupId]));
    grid.tasks.forEach((task, i) => {
      const state = stateOfCode(run.states[i] ?? '.');
      if (!state) return;
      states.set(task.taskId, state);
      for (let g = task.groupId; g; g = parents.get(g) ?? null) {
        const list = byGroup.get(g);
        if (list) list.push(state);
        else byGroup.set(g, [state]);
      }
    });
    for (const [group, list] of byGroup) states.set(group, mostUrgentState(list) ?? 'none');
    return states;
  });

  protected openTask(taskId: string): void {
    const runId = this.store.selectedRunId();
    if (runId) void this.router.navigate(['/dags', this.store.dagId(), 'runs', runId, 'tasks', taskId]);
  }

  protected toggleGroup(groupId: string): void {
    const list = this.collapsed();
    const fold = list.includes(groupId) ? list.filter((g) => g !== groupId) : [...list, groupId];
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { fold: fold.length ? fold.join(',') : null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
