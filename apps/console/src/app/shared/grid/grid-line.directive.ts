import { Directive, ElementRef, effect, inject, input } from '@angular/core';

export interface GridLineCell {
  x: number;
  color: string;
  state: string;
  runIndex: number;
}

/** One row's cells in the visible columns; the same object while neither the row nor the columns change. */
export interface GridLine {
  id: string;
  /** The element it is drawn in: rows a window apart share one, so scrolling reuses elements. */
  slot: number;
  rowIndex: number;
  y: number;
  mapped: boolean;
  group: boolean;
  cells: GridLineCell[];
}

/**
 * Writes a grid row's cells straight into its element when the row's line changes, reusing the
 * cell elements already there: a row scrolled into view costs one pass over its cells (no element
 * made or removed in the usual case), and rows that stay in view cost nothing at all.
 */
@Directive({ selector: '[udGridLine]' })
export class GridLineDirective {
  readonly line = input.required<GridLine>({ alias: 'udGridLine' });
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    effect(() => {
      const line = this.line();
      const element = this.host.nativeElement;
      const className = `grid-cell${line.mapped ? ' grid-cell--mapped' : ''}${line.group ? ' grid-cell--group' : ''}`;
      const row = String(line.rowIndex);
      while (element.childElementCount > line.cells.length) element.lastElementChild?.remove();
      for (let i = element.childElementCount; i < line.cells.length; i++) {
        const div = document.createElement('div');
        div.dataset['testid'] = 'grid-cell';
        element.appendChild(div);
      }
      const divs = element.children;
      line.cells.forEach((cell, i) => {
        const div = divs[i] as HTMLElement;
        if (div.className !== className) div.className = className;
        div.dataset['run'] = String(cell.runIndex);
        div.dataset['row'] = row;
        div.dataset['state'] = cell.state;
        div.style.left = `${cell.x}px`;
        div.style.background = cell.color;
        div.removeAttribute('title');
      });
      element.style.top = `${line.y}px`;
    });
  }
}
