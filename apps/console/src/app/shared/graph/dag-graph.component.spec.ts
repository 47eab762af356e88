import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { GraphInput } from './graph-layout';
import { DagGraphComponent } from './dag-graph.component';

const TASKS = 1000;

/** 1,000 tasks: ten chains of 95 behind a fan-out, and a group of 50 at the end. */
function bigGraph(collapsed: string[] = []): GraphInput {
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    id: i >= 950 ? `tail.t_${i}` : `t_${i}`,
    groupId: i >= 950 ? 'tail' : null,
    operator: 'bash',
  }));
  const edges: [string, string][] = [];
  for (let i = 1; i < 950; i++) edges.push([i <= 10 ? 't_0' : `t_${i - 10}`, `t_${i}`]);
  for (let i = 950; i < TASKS; i++) edges.push([`t_${940 + (i % 10)}`, `tail.t_${i}`]);
  return { tasks, groups: [{ id: 'tail', parentId: null }], edges, collapsed };
}

describe('DagGraphComponent', () => {
  let fixture: ComponentFixture<DagGraphComponent>;
  const all = (testId: string) =>
    Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${testId}"]`)) as SVGGElement[];

  async function laidOut(): Promise<void> {
    for (let i = 0; i < 600 && fixture.nativeElement.querySelector('[data-testid="graph-laying"]'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fixture.detectChanges();
    }
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [DagGraphComponent] });
    fixture = TestBed.createComponent(DagGraphComponent);
  });

  it('lays out and draws a 1,000-task DAG with its group as a box, coloured by the run', async () => {
    fixture.componentRef.setInput('graph', bigGraph());
    fixture.componentRef.setInput(
      'states',
      new Map([
        ['t_0', 'success'],
        ['t_5', 'failed'],
      ]),
    );
    fixture.detectChanges();
    await laidOut();
    const nodes = all('graph-node');
    expect(nodes).toHaveLength(TASKS);
    expect(all('graph-group').map((g) => g.dataset['groupId'])).toEqual(['tail']);
    const fill = (id: string) =>
      nodes
        .find((n) => n.dataset['taskId'] === id)
        ?.querySelector('rect')
        ?.getAttribute('fill');
    expect(fill('t_0')).toBe('#008000');
    expect(fill('t_5')).toBe('#d32f2f');
    expect(fill('t_6')).toBe('#ffffff');
    // Left to right: a task lies right of its upstream.
    const x = (id: string) =>
      Number(
        nodes
          .find((n) => n.dataset['taskId'] === id)
          ?.querySelector('rect')
          ?.getAttribute('x'),
      );
    expect(x('t_15')).toBeGreaterThan(x('t_5'));
  }, 60_000);

  it('draws a collapsed group as one node in place of its tasks', async () => {
    fixture.componentRef.setInput('graph', bigGraph(['tail']));
    fixture.detectChanges();
    await laidOut();
    expect(all('graph-node')).toHaveLength(950);
    expect(all('graph-group')).toHaveLength(1);
  }, 60_000);

  it('asks to open a task when its node is clicked', async () => {
    fixture.componentRef.setInput('graph', {
      tasks: [
        { id: 'a', groupId: null, operator: 'bash' },
        { id: 'b', groupId: null, operator: 'bash' },
      ],
      groups: [],
      edges: [['a', 'b']],
      collapsed: [],
    });
    fixture.detectChanges();
    await laidOut();
    const opened: string[] = [];
    fixture.componentInstance.openTask.subscribe((id) => opened.push(id));
    all('graph-node')[1].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(opened).toEqual(['b']);
  });
});
