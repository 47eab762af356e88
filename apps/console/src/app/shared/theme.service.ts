import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';

export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'updraft.theme';

/** Light or dark: the system's preference until the user picks one with the toggle. */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly chosen = signal<Theme | null>(localStorage.getItem(STORAGE_KEY) as Theme | null);

  constructor() {
    this.apply(this.chosen());
  }

  current(): Theme {
    return (
      this.chosen() ??
      (this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')
    );
  }

  toggle(): void {
    const next: Theme = this.current() === 'dark' ? 'light' : 'dark';
    localStorage.setItem(STORAGE_KEY, next);
    this.chosen.set(next);
    this.apply(next);
  }

  private apply(theme: Theme | null): void {
    if (theme) this.document.documentElement.setAttribute('data-theme', theme);
    else this.document.documentElement.removeAttribute('data-theme');
  }
}
