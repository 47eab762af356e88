import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { PageState } from './page-state';

/** The page's error (announced at once) and success notice (announced politely). */
@Component({
  selector: 'ud-page-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div aria-live="polite" class="messages">
      @if (state().error(); as error) {
        <p class="error" role="alert" data-testid="page-error">{{ error }}</p>
      }
      @if (state().notice(); as notice) {
        <p class="success" role="status" data-testid="page-notice">{{ notice }}</p>
      }
    </div>
  `,
})
export class PageMessagesComponent {
  readonly state = input.required<PageState>();
}
