import { DestroyRef, signal } from '@angular/core';
import type { AffectedTaskInstance } from '@updraft/api-types';
import { Observable, Subscription } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';

export interface PendingChange {
  heading: string;
  confirmLabel: string;
  instances: readonly AffectedTaskInstance[] | null;
  error: string | null;
  busy: boolean;
  allowEmpty: boolean;
}

interface ChangeSpec {
  heading: string;
  confirmLabel: string;
  /** The API's dry run: what would change. */
  preview: () => Observable<readonly AffectedTaskInstance[]>;
  apply: () => Observable<unknown>;
  allowEmpty?: boolean;
}

/** Drives a ConfirmDialog: asks for the dry run, shows it, and applies the change only on confirmation. */
export class ConfirmFlow {
  readonly pending = signal<PendingChange | null>(null);
  private spec: ChangeSpec | null = null;
  private request: Subscription | null = null;

  constructor(
    destroyRef: DestroyRef,
    private readonly done: () => void,
  ) {
    destroyRef.onDestroy(() => this.request?.unsubscribe());
  }

  open(spec: ChangeSpec): void {
    this.spec = spec;
    this.pending.set({
      heading: spec.heading,
      confirmLabel: spec.confirmLabel,
      instances: null,
      error: null,
      busy: false,
      allowEmpty: spec.allowEmpty ?? false,
    });
    this.preview();
  }

  /** Asks again (the options changed). */
  preview(): void {
    const spec = this.spec;
    if (!spec) return;
    this.update({ instances: null, error: null });
    this.request?.unsubscribe();
    this.request = spec.preview().subscribe({
      next: (instances) => this.update({ instances }),
      error: (error: unknown) => this.update({ error: apiErrorMessage(error) }),
    });
  }

  confirm(): void {
    const spec = this.spec;
    if (!spec) return;
    this.update({ busy: true, error: null });
    this.request?.unsubscribe();
    this.request = spec.apply().subscribe({
      next: () => undefined,
      complete: () => {
        this.cancel();
        this.done();
      },
      error: (error: unknown) => this.update({ busy: false, error: apiErrorMessage(error) }),
    });
  }

  cancel(): void {
    this.request?.unsubscribe();
    this.spec = null;
    this.pending.set(null);
  }

  private update(change: Partial<PendingChange>): void {
    this.pending.update((current) => (current ? { ...current, ...change } : current));
  }
}
