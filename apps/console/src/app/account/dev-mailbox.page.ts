import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DevMail } from '@updraft/api-types';
import { apiErrorMessage } from '../core/api-error';
import { AccountService } from './account.service';

/** Development only: the mails `npm start`'s local mail catcher received, with their links. */
@Component({
  selector: 'ud-dev-mailbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink],
  template: `
    <main class="mailbox">
      <header class="mailbox__head">
        <h1>Local mailbox</h1>
        <span class="mailbox__actions">
          <a routerLink="/">Console</a>
          <button class="btn" type="button" (click)="load()" data-testid="mailbox-refresh">Refresh</button>
        </span>
      </header>
      <p class="muted">
        Mails the platform sent while running with <code>npm start</code> (development only). Open a link to verify,
        reset a password or accept an invitation.
      </p>
      @if (error()) {
        <p class="error" role="alert" data-testid="mailbox-error">{{ error() }}</p>
      } @else if (mails().length === 0) {
        <p data-testid="mailbox-empty">No mail yet.</p>
      }
      @for (mail of mails(); track mail.id) {
        <article class="card mailbox__mail" data-testid="mailbox-mail">
          <h2>{{ mail.subject }}</h2>
          <p class="muted">To {{ mail.to.join(', ') }} · {{ mail.receivedAt | date: 'medium' }}</p>
          <pre>{{ mail.text }}</pre>
          @for (link of mail.links; track link) {
            <a [href]="link" data-testid="mailbox-link">{{ link }}</a>
          }
        </article>
      }
    </main>
  `,
  styles: `
    .mailbox {
      max-width: 56rem;
      margin: 0 auto;
      padding: 1.5rem 1rem;
      display: grid;
      gap: 1rem;
    }
    .mailbox__head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    .mailbox__head h1 {
      margin: 0;
      font-size: 1.4rem;
    }
    .mailbox__actions {
      display: flex;
      align-items: center;
      gap: 1rem;
    }
    .mailbox__mail {
      padding: 1rem;
      display: grid;
      gap: 0.5rem;
    }
    .mailbox__mail h2 {
      margin: 0;
      font-size: 1.05rem;
    }
    .mailbox__mail p {
      margin: 0;
    }
    .mailbox__mail pre {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      margin: 0;
      font-family: inherit;
    }
    .mailbox__mail a {
      overflow-wrap: anywhere;
    }
  `,
})
export class DevMailboxPage implements OnInit {
  private readonly accounts = inject(AccountService);

  protected readonly mails = signal<DevMail[]>([]);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.accounts.devMailbox().subscribe({
      next: (mails) => {
        this.error.set(null);
        this.mails.set(mails);
      },
      error: (err: unknown) =>
        this.error.set(
          err instanceof HttpErrorResponse && err.status === 404
            ? 'There is no local mailbox here: it exists only in development, when the platform runs with npm start.'
            : apiErrorMessage(err),
        ),
    });
  }
}
