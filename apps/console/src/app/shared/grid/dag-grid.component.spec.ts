import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { GridData, GridRun } from '@updraft/api-types';
import { GRID_STATE_CODES } from '@updraft/api-types';
import { COLUMN_WIDTH, DagGridComponent, HEADER_HEIGHT, ROW_HEIGHT } from './dag-grid.component';

const TASKS = 1000;
const RUNS = 50;

/** 1,000 tasks (the first 20 in group `extract`, `load` mapped) × 50 runs; the newest run still running. */
function bigGrid(): GridData {
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    taskId: i < 20 ? `extract.t_${String(i).padStart(4, '0')}` : `t_${String(i).padStart(4, '0')}`,
    operator: 'bash',
    groupId: i < 20 ? 'extract' : null,
    mapped: i === 25,
  }));
  const runs: GridRun[] = Array.from({ length: RUNS }, (_, r) => ({
    runId: `scheduled__2024-01-${String(r + 1).padStart(2, '0')}`,
    state: r === RUNS - 1 ? 'running' : 'success',
    runType: 'scheduled',
    logicalDate: `2024-01-${String(r + 1).padStart(2, '0')}T00:00:00.000Z`,
    queuedAt: '2024-01-01T00:00:00.000Z',
    startDate: '2024-01-01T00:00:00.000Z',
    endDate: r === RUNS - 1 ? null : `2024-01-01T00:0${(r % 9) + 1}:00.000Z`,
    states: Array.from({ length: TASKS }, (_, i) =>
      r === RUNS - 1 && i === 3 ? GRID_STATE_CODES.failed : GRID_STATE_CODES.success,
    ).join(''),
    mapped: { 25: { success: 2, running: 1 } },
  }));
  return { dagId: 'big', tasks, groups: [{ groupId: 'extract', parentGroupId: null }], runs };
}

describe('DagGridComponent', () => {
  let fixture: ComponentFixture<DagGridComponent>;
  const all = (testId: string) =>
    Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)) as HTMLElement[];

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [DagGridComponent], providers: [provideRouter([])] });
    fixture = TestBed.createComponent(DagGridComponent);
    fixture.componentRef.setInput('data', bigGrid());
    fixture.componentRef.setInput('dagId', 'big');
    fixture.detectChanges();
  });

  it('puts only the visible window of a 1,000-task × 50-run grid in the page', () => {
    const cells = all('grid-cell');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThan(2500);
    expect(all('grid-task').length + all('grid-group').length).toBeLessThan(40);
    expect(all('grid-run')).toHaveLength(RUNS);
  });

  it('draws other rows and columns as it scrolls, and only those', () => {
    const scroller = fixture.nativeElement.querySelector('[data-testid="dag-grid"]') as HTMLElement;
    scroller.scrollTop = HEADER_HEIGHT + 600 * ROW_HEIGHT;
    scroller.dispatchEvent(new Event('scroll'));
    fixture.detectChanges();
    const names = all('grid-task').map((t) => t.dataset['taskId']);
    expect(names).toContain('t_0600');
    expect(names).not.toContain('t_0021');
    expect(all('grid-cell').length).toBeLessThan(2500);
  });

  it('scrolls by rewriting the same row and cell elements: none made, removed or moved', () => {
    const scroller = fixture.nativeElement.querySelector('[data-testid="dag-grid"]') as HTMLElement;
    const rowsBefore = Array.from(fixture.nativeElement.querySelectorAll('.grid-row')) as HTMLElement[];
    const cellsBefore = all('grid-cell');
    scroller.scrollTop = HEADER_HEIGHT + 500 * ROW_HEIGHT + 7;
    scroller.dispatchEvent(new Event('scroll'));
    fixture.detectChanges();
    const rowsAfter = Array.from(fixture.nativeElement.querySelectorAll('.grid-row')) as HTMLElement[];
    expect(rowsAfter).toEqual(rowsBefore);
    expect(all('grid-cell')).toEqual(cellsBefore);
    expect(all('grid-cell').map((c) => Number(c.dataset['row']))).toContain(500);
  });

  it('colours cells by state, summarises a mapped task per state, and marks the failed cell of the running run', () => {
    const failed = all('grid-cell').filter((c) => c.dataset['state'] === 'failed');
    // The task's cell, and its group's summary cell.
    expect(failed.map((c) => c.classList.contains('grid-cell--group'))).toEqual([true, false]);
    expect(failed[0].style.left).toBe(`${(RUNS - 1) * COLUMN_WIDTH}px`);
    const mapped = all('grid-cell').find((c) => c.classList.contains('grid-cell--mapped')) as HTMLElement;
    mapped.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(mapped.title).toContain('3 mapped: 2 success, 1 running');
  });

  it('folds a task group into one row', () => {
    const before = all('grid-task').length;
    all('grid-group')[0].click();
    fixture.detectChanges();
    expect(all('grid-task').map((t) => t.dataset['taskId'])).not.toContain('extract.t_0000');
    expect(all('grid-task').length).toBeGreaterThanOrEqual(before - 1);
  });

  it('opens the task instance of a cell and the run of a bar', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const cell = all('grid-cell').find(
      (c) => c.dataset['state'] === 'failed' && !c.classList.contains('grid-cell--group'),
    ) as HTMLElement;
    cell.click();
    expect(navigate).toHaveBeenCalledWith(['/dags', 'big', 'runs', 'scheduled__2024-01-50', 'tasks', 'extract.t_0003']);
    all('grid-run')[0].click();
    expect(navigate).toHaveBeenCalledWith(['/dags', 'big', 'runs', 'scheduled__2024-01-01']);
  });

  it('moves between cells with the arrow keys and opens the one it is on with Enter', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const cells = fixture.nativeElement.querySelector('[data-testid="grid-cells"]') as HTMLElement;
    const press = (key: string) => {
      cells.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      fixture.detectChanges();
    };
    expect(cells.tabIndex).toBe(0);
    cells.dispatchEvent(new FocusEvent('focus'));
    fixture.detectChanges();
    const active = () => fixture.nativeElement.querySelector('[data-testid="grid-active"]') as HTMLElement;
    expect([active().dataset['run'], active().dataset['row']]).toEqual([String(RUNS - 1), '0']);
    for (let i = 0; i < 4; i++) press('ArrowDown');
    const label = () =>
      (fixture.nativeElement.querySelector('[data-testid="grid-active-label"]') as HTMLElement).textContent;
    expect(label()).toContain('extract.t_0003 in scheduled__2024-01-50: failed');
    press('Enter');
    expect(navigate).toHaveBeenCalledWith(['/dags', 'big', 'runs', 'scheduled__2024-01-50', 'tasks', 'extract.t_0003']);
    press('ArrowLeft');
    press('ArrowUp');
    expect([active().dataset['run'], active().dataset['row']]).toEqual([String(RUNS - 2), '3']);
    press('Home');
    expect(active().dataset['run']).toBe('0');
    press('ArrowLeft');
    expect(active().dataset['run']).toBe('0');
    press('End');
    press('PageDown');
    expect(Number(active().dataset['row'])).toBeGreaterThan(3);
  });
});
