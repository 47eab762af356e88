import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

@Component({
  selector: 'ud-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="card" data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        There is no page at <span class="mono">{{ path }}</span>.
      </p>
      <p><a routerLink="/dags">Go to the DAG list</a></p>
    </section>
  `,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url;
}
