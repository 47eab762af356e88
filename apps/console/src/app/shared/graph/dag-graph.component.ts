import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { stateColor } from '../state-colors';
import type { GraphInput, GraphLayout, PlacedNode } from './graph-layout';
import { GraphLayoutService } from './graph-layout.service';

const DARK_STATES = new Set(['success', 'failed', 'queued', 'skipped']);

/**
 * The DAG drawn on SVG from a layout made off the main thread; nodes take the colour of their
 * state in the chosen run, a group box folds on a click of its title, a task opens on a click.
 */
@Component({
  selector: 'ud-dag-graph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="graph-tools small">
      <button type="button" class="btn" (click)="zoom(1.25)" aria-label="Zoom in">+</button>
      <button type="button" class="btn" (click)="zoom(0.8)" aria-label="Zoom out">−</button>
      <button type="button" class="btn" (click)="scale.set(1)">100 %</button>
      @if (laying()) {
        <span class="muted" data-testid="graph-laying">Laying out {{ graph().tasks.length }} tasks…</span>
      }
      @if (error(); as error) {
        <span class="error" role="alert">{{ error }}</span>
      }
    </div>
    <div class="graph-scroll" data-testid="dag-graph">
      @if (layout(); as layout) {
        <svg
          [attr.width]="layout.width * scale()"
          [attr.height]="layout.height * scale()"
          [attr.viewBox]="'0 0 ' + layout.width + ' ' + layout.height"
          role="img"
          [attr.aria-label]="'Graph of ' + graph().tasks.length + ' tasks'"
        >
          <defs>
            <marker
              id="ud-arrow"
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a8a8a" />
            </marker>
          </defs>
          @for (node of groups(); track node.id) {
            <g
              class="graph-group"
              data-testid="graph-group"
              [attr.data-group-id]="node.id"
              (click)="toggleGroup.emit(node.id)"
            >
              <rect
                [attr.x]="node.x"
                [attr.y]="node.y"
                [attr.width]="node.width"
                [attr.height]="node.height"
                rx="8"
                [attr.fill]="node.collapsed ? groupFill(node) : '#f4f8fd'"
                stroke="#9ab7dc"
                stroke-dasharray="4 3"
              />
              <text [attr.x]="node.x + 10" [attr.y]="node.y + 17" class="graph-group__label">
                {{ node.collapsed ? '▸' : '▾' }} {{ node.label }}
              </text>
            </g>
          }
          @for (edge of layout.edges; track edge.id) {
            <polyline
              [attr.points]="pointsOf(edge.points)"
              fill="none"
              stroke="#8a8a8a"
              stroke-width="1.2"
              marker-end="url(#ud-arrow)"
            />
          }
          @for (node of tasks(); track node.id) {
            <g
              class="graph-node"
              data-testid="graph-node"
              [attr.data-task-id]="node.id"
              [attr.data-state]="states().get(node.id) ?? 'none'"
              (click)="openTask.emit(node.id)"
            >
              <title>{{ node.id }} · {{ node.operator }} · {{ states().get(node.id) ?? 'no instance' }}</title>
              <rect
                [attr.x]="node.x"
                [attr.y]="node.y"
                [attr.width]="node.width"
                [attr.height]="node.height"
                rx="5"
                [attr.fill]="fill(node)"
                stroke="#5c6b7a"
                stroke-width="1"
              />
              <text [attr.x]="node.x + 8" [attr.y]="node.y + 22" [attr.fill]="textColor(node)">
                {{ short(node.label) }}
              </text>
            </g>
          }
        </svg>
      }
    </div>
  `,
  styles: `
    .graph-tools {
      display: flex;
      gap: 0.4rem;
      align-items: center;
      margin-bottom: 0.4rem;
    }
    .graph-tools .btn {
      padding: 0.1rem 0.55rem;
    }
    .graph-scroll {
      overflow: auto;
      max-height: 75vh;
      background: #fff;
      border: 1px solid var(--border);
      border-radius: 6px;
    }
    svg {
      display: block;
      font: 12px var(--mono);
    }
    .graph-node,
    .graph-group {
      cursor: pointer;
    }
    .graph-group__label {
      font-weight: 600;
      fill: #2c4a6e;
    }
  `,
})
export class DagGraphComponent {
  readonly graph = input.required<GraphInput>();
  /** Each task's state in the chosen run. */
  readonly states = input<ReadonlyMap<string, string>>(new Map());
  readonly openTask = output<string>();
  readonly toggleGroup = output<string>();

  private readonly layouts = inject(GraphLayoutService);
  protected readonly layout = signal<GraphLayout | null>(null);
  protected readonly laying = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly scale = signal(1);
  protected readonly tasks = computed(() => (this.layout()?.nodes ?? []).filter((n) => n.kind === 'task'));
  protected readonly groups = computed(() => (this.layout()?.nodes ?? []).filter((n) => n.kind === 'group'));
  private requested = 0;

  constructor() {
    effect(() => {
      const graph = this.graph();
      const ticket = ++this.requested;
      this.laying.set(true);
      this.layouts.layout(graph).then(
        (layout) => {
          if (ticket !== this.requested) return;
          this.layout.set(layout);
          this.laying.set(false);
          this.error.set(null);
        },
        (error: unknown) => {
          if (ticket !== this.requested) return;
          this.laying.set(false);
          this.error.set(error instanceof Error ? error.message : String(error));
        },
      );
    });
  }

  protected fill(node: PlacedNode): string {
    const state = this.states().get(node.id);
    return state ? stateColor(state) : '#ffffff';
  }

  protected textColor(node: PlacedNode): string {
    return DARK_STATES.has(this.states().get(node.id) ?? '') ? '#ffffff' : '#1b1b1b';
  }

  protected groupFill(node: PlacedNode): string {
    const state = this.states().get(node.id);
    return state ? stateColor(state) : '#e8f0fa';
  }

  protected pointsOf(points: { x: number; y: number }[]): string {
    return points.map((p) => `${p.x},${p.y}`).join(' ');
  }

  protected short(label: string): string {
    return label.length > 22 ? `${label.slice(0, 21)}…` : label;
  }

  protected zoom(factor: number): void {
    this.scale.update((s) => Math.min(3, Math.max(0.1, s * factor)));
  }
}
