import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  DestroyRef,
} from '@angular/core';
import { Router } from '@angular/router';
import type { GridData } from '@updraft/api-types';
import { formatDuration } from '../../core/duration.pipe';
import { stateColor } from '../state-colors';
import { GridLine, GridLineCell, GridLineDirective } from './grid-line.directive';
import { GridRow, gridRows, mappedSummary, rowState, runDurationMs } from './grid-rows';

export const ROW_HEIGHT = 22;
export const COLUMN_WIDTH = 20;
export const HEADER_HEIGHT = 72;
const OVERSCAN = 2;
/** Used until the browser has measured the grid (and in tests, where nothing is laid out). */
const FALLBACK_VIEW = { width: 1000, height: 600 };

/**
 * Runs × tasks, drawn only where the viewport is: a 1,000-task, 100-run grid puts a few hundred
 * cells in the page, whichever way it is scrolled. Task groups fold; a mapped task's cell counts
 * its instances per state. A cell opens its task instance, a run's bar opens the run.
 */
@Component({
  selector: 'ud-dag-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [GridLineDirective],
  template: `
    <div class="grid-scroll" data-testid="dag-grid" (scroll)="onScroll($event)" [style.height.px]="viewHeight()">
      <div
        class="grid-canvas"
        [style.width.px]="nameWidth() + data().runs.length * col"
        [style.height.px]="header + rows().length * row"
      >
        <div class="grid-header" [style.height.px]="header">
          <div class="grid-corner" [style.width.px]="nameWidth()">
            <span class="muted small">{{ data().tasks.length }} tasks · {{ data().runs.length }} runs</span>
          </div>
          @for (bar of visibleBars(); track bar.runId) {
            <button
              type="button"
              class="grid-bar"
              data-testid="grid-run"
              [attr.data-run-id]="bar.runId"
              [attr.data-state]="bar.state"
              [class.grid-bar--selected]="bar.runId === selectedRunId()"
              [style.left.px]="nameWidth() + bar.index * col"
              [style.width.px]="col"
              [title]="bar.title"
              (click)="openRun(bar.runId)"
            >
              <span class="grid-bar__fill" [style.height.%]="bar.heightPct" [style.background]="bar.color"></span>
            </button>
          }
        </div>
        <div class="grid-names" [style.width.px]="nameWidth()" [style.height.px]="rows().length * row">
          @for (r of visibleRows(); track r.slot) {
            <div
              class="grid-name"
              [style.top.px]="r.index * row"
              [style.padding-left.px]="6 + r.row.depth * 12"
              [title]="r.row.id"
            >
              @if (r.row.kind === 'group') {
                <button
                  type="button"
                  class="grid-group"
                  data-testid="grid-group"
                  [attr.data-group-id]="r.row.id"
                  [attr.aria-expanded]="!r.row.collapsed"
                  (click)="toggleGroup(r.row.id)"
                >
                  {{ r.row.collapsed ? '▸' : '▾' }} {{ r.row.label }}
                </button>
              } @else {
                <span class="mono" data-testid="grid-task" [attr.data-task-id]="r.row.id">{{ r.row.label }}</span>
              }
            </div>
          }
        </div>
        <div
          class="grid-cells"
          tabindex="0"
          role="group"
          aria-label="Task instances: arrow keys move between runs and tasks, Enter opens"
          aria-describedby="grid-active-cell"
          data-testid="grid-cells"
          [style.left.px]="nameWidth()"
          [style.top.px]="header"
          [style.width.px]="data().runs.length * col"
          [style.height.px]="rows().length * row"
          (click)="onCellClick($event)"
          (keydown)="onKey($event)"
          (focus)="onFocus()"
          (mouseover)="describeCell($event)"
        >
          @if (active(); as a) {
            <div
              class="grid-active"
              data-testid="grid-active"
              [attr.data-run]="a.runIndex"
              [attr.data-row]="a.rowIndex"
              [style.left.px]="a.runIndex * col"
              [style.top.px]="a.rowIndex * row"
            ></div>
          }
          <!-- Rows tracked by slot, in slot order: a row scrolled in takes the element of the one scrolled out, nothing moves. -->
          @for (line of visibleLines(); track line.slot) {
            <div class="grid-row" [udGridLine]="line"></div>
          }
        </div>
      </div>
      <span id="grid-active-cell" class="visually-hidden" role="status" data-testid="grid-active-label">{{
        activeLabel()
      }}</span>
    </div>
  `,
  styles: `
    .grid-scroll {
      position: relative;
      overflow: auto;
      background: #fff;
      border: 1px solid var(--border);
      border-radius: 6px;
      max-height: 75vh;
      /* Its own layer and layout root: a scroll repaints what came into view, not the page. */
      contain: strict;
      will-change: scroll-position;
    }
    .grid-canvas {
      position: relative;
    }
    .grid-header {
      position: sticky;
      top: 0;
      z-index: 2;
      background: #fff;
      border-bottom: 1px solid var(--border);
    }
    .grid-corner {
      position: sticky;
      left: 0;
      z-index: 3;
      height: 100%;
      background: #fff;
      display: flex;
      align-items: flex-end;
      padding: 0.3rem;
    }
    .grid-bar {
      position: absolute;
      bottom: 0;
      height: 100%;
      padding: 0 3px 2px;
      border: 0;
      background: none;
      cursor: pointer;
      display: flex;
      align-items: flex-end;
    }
    .grid-bar__fill {
      display: block;
      width: 100%;
      min-height: 3px;
      border-radius: 2px 2px 0 0;
    }
    .grid-bar--selected {
      background: #e3efff;
    }
    .grid-names {
      position: sticky;
      left: 0;
      z-index: 1;
      background: #fff;
      border-right: 1px solid var(--border);
    }
    .grid-name {
      position: absolute;
      left: 0;
      right: 0;
      height: 22px;
      line-height: 22px;
      font-size: 0.8rem;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .grid-group {
      border: 0;
      background: none;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
      padding: 0;
    }
    .grid-cells {
      position: absolute;
      contain: strict;
      will-change: transform;
    }
    .grid-row {
      position: absolute;
      left: 0;
      right: 0;
      height: 22px;
      contain: strict;
    }
    /* Cells are written by GridLineDirective, outside this template's style scope. */
    .grid-cells ::ng-deep .grid-cell {
      position: absolute;
      width: 14px;
      height: 14px;
      margin: 4px 3px;
      border-radius: 3px;
      cursor: pointer;
      box-shadow: inset 0 0 0 1px rgb(0 0 0 / 12%);
    }
    .grid-cells ::ng-deep .grid-cell--mapped {
      border-radius: 50%;
    }
    .grid-cells ::ng-deep .grid-cell--group {
      opacity: 0.75;
    }
    .grid-cells:focus {
      outline: none;
    }
    .grid-active {
      position: absolute;
      width: 18px;
      height: 18px;
      margin: 2px 1px;
      border-radius: 4px;
      pointer-events: none;
    }
    .grid-cells:focus .grid-active {
      outline: 2px solid var(--focus, #1a5fd0);
      outline-offset: 0;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
})
export class DagGridComponent {
  readonly data = input.required<GridData>();
  readonly dagId = input.required<string>();
  readonly selectedRunId = input<string | null>(null);

  protected readonly row = ROW_HEIGHT;
  protected readonly col = COLUMN_WIDTH;
  protected readonly header = HEADER_HEIGHT;

  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly scrollTop = signal(0);
  private readonly scrollLeft = signal(0);
  private readonly view = signal(FALLBACK_VIEW);
  private readonly collapsed = signal<ReadonlySet<string>>(new Set());

  /** The cell the keyboard is on (run column, row), kept inside the grid as rows fold. */
  private readonly cursor = signal<{ runIndex: number; rowIndex: number } | null>(null);
  protected readonly active = computed(() => {
    const at = this.cursor();
    const runs = this.data().runs.length;
    const rows = this.rows().length;
    if (!at || runs === 0 || rows === 0) return null;
    return { runIndex: Math.min(at.runIndex, runs - 1), rowIndex: Math.min(at.rowIndex, rows - 1) };
  });
  protected readonly activeLabel = computed(() => {
    const at = this.active();
    if (!at) return '';
    const run = this.data().runs[at.runIndex];
    const row = this.rows()[at.rowIndex];
    const state = rowState(row, run);
    const what = row.kind === 'task' ? row.id : `group ${row.id}`;
    return `${what} in ${run.runId}: ${state === null ? 'not in this run' : state.replace(/_/g, ' ')}`;
  });

  protected readonly nameWidth = computed(() => (this.view().width < 600 ? 120 : 220));
  protected readonly rows = computed(() => gridRows(this.data(), this.collapsed()));
  protected readonly viewHeight = computed(() => HEADER_HEIGHT + Math.min(this.rows().length, 40) * ROW_HEIGHT + 18);

  /**
   * Always `slots` rows (fewer only when the grid has fewer): every slot is filled whatever the
   * scroll position, so the elements of the rows are kept and reused, never made or dropped.
   */
  private readonly rowWindow = computed(() => {
    const size = this.slots();
    const count = this.rows().length;
    const first = Math.max(0, Math.min(Math.floor(this.scrollTop() / ROW_HEIGHT) - OVERSCAN, count - size));
    return { first, last: Math.min(count, first + size) };
  });
  private readonly columnWindow = computed(() => {
    const first = Math.max(0, Math.floor(this.scrollLeft() / COLUMN_WIDTH) - OVERSCAN);
    const last = Math.min(
      this.data().runs.length,
      Math.ceil((this.scrollLeft() + this.view().width) / COLUMN_WIDTH) + OVERSCAN,
    );
    return { first, last };
  });

  /** The names of the rows in view, in slot order like the cells. */
  protected readonly visibleRows = computed(() => {
    const { first, last } = this.rowWindow();
    const slots = this.slots();
    return this.rows()
      .slice(first, last)
      .map((row, i) => ({ row, index: first + i, slot: (first + i) % slots }))
      .sort((a, b) => a.slot - b.slot);
  });

  protected readonly visibleBars = computed(() => {
    const runs = this.data().runs;
    const longest = Math.max(1, ...runs.map((r) => runDurationMs(r) ?? 0));
    const { first, last } = this.columnWindow();
    return runs.slice(first, last).map((run, i) => {
      const duration = runDurationMs(run);
      return {
        runId: run.runId,
        index: first + i,
        state: run.state,
        color: stateColor(run.state),
        heightPct: duration === null ? 4 : Math.max(4, (duration / longest) * 100),
        title: `${run.runId}\n${run.state}${duration === null ? '' : ` · ${formatDuration(duration)}`}`,
      };
    });
  });

  /** Lines already built for the current rows and columns, so a row scrolled past keeps its object. */
  /** The rows in view and OVERSCAN more above and below: rows this many apart share an element. */
  private readonly slots = computed(() => Math.ceil(this.view().height / ROW_HEIGHT) + 2 * OVERSCAN + 1);
  private readonly lineCache = computed(() => {
    this.rows();
    this.columnWindow();
    this.slots();
    return new Map<string, GridLine>();
  });

  protected readonly visibleLines = computed((): GridLine[] => {
    const runs = this.data().runs;
    const tasks = this.data().tasks;
    const rows = this.rows();
    const cache = this.lineCache();
    const slots = this.slots();
    const { first: r0, last: r1 } = this.rowWindow();
    const { first: c0, last: c1 } = this.columnWindow();
    const lines: GridLine[] = [];
    for (let r = r0; r < r1; r++) {
      const row: GridRow = rows[r];
      let line = cache.get(row.id);
      if (!line) {
        const cells: GridLineCell[] = [];
        for (let c = c0; c < c1; c++) {
          const state = rowState(row, runs[c]);
          if (state !== null) cells.push({ x: c * COLUMN_WIDTH, color: stateColor(state), state, runIndex: c });
        }
        line = {
          id: row.id,
          slot: r % slots,
          rowIndex: r,
          y: r * ROW_HEIGHT,
          mapped: row.kind === 'task' && tasks[row.taskIndex].mapped,
          group: row.kind === 'group',
          cells,
        };
        cache.set(row.id, line);
      }
      lines[line.slot] = line;
    }
    // In slot order, not row order: the elements then never move, each only takes its new row.
    return lines.filter((l) => l !== undefined);
  });

  constructor() {
    afterNextRender(() => {
      const scroller = this.host.nativeElement.querySelector<HTMLElement>('.grid-scroll');
      if (!scroller || typeof ResizeObserver === 'undefined') return;
      const measure = () => {
        if (scroller.clientWidth > 0 && scroller.clientHeight > 0)
          this.view.set({ width: scroller.clientWidth, height: scroller.clientHeight });
      };
      const observer = new ResizeObserver(measure);
      observer.observe(scroller);
      measure();
      this.destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onScroll(event: Event): void {
    const target = event.target as HTMLElement;
    this.scrollTop.set(Math.max(0, target.scrollTop - HEADER_HEIGHT));
    this.scrollLeft.set(target.scrollLeft);
  }

  /** Tooltips are written when the pointer reaches a cell, not for every cell drawn. */
  protected describeCell(event: Event): void {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-testid="grid-cell"]');
    if (!cell) return;
    const run = this.data().runs[Number(cell.dataset['run'])];
    const row = this.rows()[Number(cell.dataset['row'])];
    if (!run || !row) return;
    const state = (cell.dataset['state'] ?? '').replace(/_/g, ' ');
    const mapped = row.kind === 'task' ? mappedSummary(run.mapped[row.taskIndex]) : null;
    cell.title = `${row.kind === 'task' ? row.id : `group ${row.id}`} · ${state}${mapped ? `\n${mapped}` : ''}\n${run.runId}`;
  }

  protected toggleGroup(groupId: string): void {
    this.collapsed.update((set) => {
      const next = new Set(set);
      if (!next.delete(groupId)) next.add(groupId);
      return next;
    });
  }

  protected onCellClick(event: Event): void {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-testid="grid-cell"]');
    if (!cell) return;
    this.cursor.set({ runIndex: Number(cell.dataset['run']), rowIndex: Number(cell.dataset['row']) });
    this.open(Number(cell.dataset['run']), Number(cell.dataset['row']));
  }

  /** Keyboard focus lands on the newest run's first row unless a cell was chosen before. */
  protected onFocus(): void {
    if (!this.cursor() && this.data().runs.length > 0)
      this.cursor.set({ runIndex: this.data().runs.length - 1, rowIndex: 0 });
  }

  /** Arrows move between cells, Home/End to the first/last run, PageUp/PageDown by a screen; Enter opens. */
  protected onKey(event: KeyboardEvent): void {
    const at = this.active();
    if (!at) return;
    const runs = this.data().runs.length;
    const rows = this.rows().length;
    const page = Math.max(1, Math.floor(this.view().height / ROW_HEIGHT) - 1);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [at.runIndex - 1, at.rowIndex],
      ArrowRight: [at.runIndex + 1, at.rowIndex],
      ArrowUp: [at.runIndex, at.rowIndex - 1],
      ArrowDown: [at.runIndex, at.rowIndex + 1],
      Home: [0, at.rowIndex],
      End: [runs - 1, at.rowIndex],
      PageUp: [at.runIndex, at.rowIndex - page],
      PageDown: [at.runIndex, at.rowIndex + page],
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.open(at.runIndex, at.rowIndex);
      return;
    }
    const to = moves[event.key];
    if (!to) return;
    event.preventDefault();
    const next = {
      runIndex: Math.max(0, Math.min(runs - 1, to[0])),
      rowIndex: Math.max(0, Math.min(rows - 1, to[1])),
    };
    this.cursor.set(next);
    this.scrollIntoView(next.runIndex, next.rowIndex);
  }

  /** Scrolls just enough for the cell to be in view below the sticky header and beside the names. */
  private scrollIntoView(runIndex: number, rowIndex: number): void {
    const scroller = this.host.nativeElement.querySelector<HTMLElement>('.grid-scroll');
    if (!scroller) return;
    const top = HEADER_HEIGHT + rowIndex * ROW_HEIGHT;
    const left = this.nameWidth() + runIndex * COLUMN_WIDTH;
    if (top - HEADER_HEIGHT < scroller.scrollTop) scroller.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
    if (left - this.nameWidth() < scroller.scrollLeft) scroller.scrollLeft = left - this.nameWidth();
    else if (left + COLUMN_WIDTH > scroller.scrollLeft + scroller.clientWidth)
      scroller.scrollLeft = left + COLUMN_WIDTH - scroller.clientWidth;
  }

  private open(runIndex: number, rowIndex: number): void {
    const run = this.data().runs[runIndex];
    const row = this.rows()[rowIndex];
    if (!run || !row) return;
    if (row.kind === 'group') {
      this.toggleGroup(row.id);
      return;
    }
    if (rowState(row, run) === null) return;
    void this.router.navigate(['/dags', this.dagId(), 'runs', run.runId, 'tasks', row.id]);
  }

  protected openRun(runId: string): void {
    void this.router.navigate(['/dags', this.dagId(), 'runs', runId]);
  }
}
