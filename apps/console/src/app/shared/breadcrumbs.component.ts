import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

export interface Crumb {
  label: string;
  /** Absent for the page itself (the last crumb). */
  link?: string | unknown[];
}

@Component({
  selector: 'ud-breadcrumbs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <nav class="breadcrumbs small" aria-label="Breadcrumbs" data-testid="breadcrumbs">
      @for (crumb of items(); track $index; let last = $last) {
        @if (crumb.link && !last) {
          <a [routerLink]="crumb.link">{{ crumb.label }}</a>
          <span aria-hidden="true"> / </span>
        } @else {
          <span class="mono" aria-current="page">{{ crumb.label }}</span>
        }
      }
    </nav>
  `,
})
export class BreadcrumbsComponent {
  readonly items = input.required<Crumb[]>();
}
