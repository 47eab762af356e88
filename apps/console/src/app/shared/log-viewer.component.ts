import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { TaskLogLine } from '@updraft/api-types';
import { AnsiSegment, parseAnsi, stripAnsi } from './ansi';

export const LOG_ROW_PX = 20;
const OVERSCAN_ROWS = 20;
const SEARCH_CHUNK = 20_000;
const LOG_BOX_PX = 560;
const FALLBACK_CHARS_PER_ROW = 120;

interface VisibleLine {
  index: number;
  line: TaskLogLine;
  rows: number;
  parts: (AnsiSegment & { hit: boolean })[];
}

/** Lines' positions in rows: uniform (one row each) or, wrapped, a prefix sum of each line's rows. */
interface RowLayout {
  total: number;
  /** starts[i] = the first row of line i (length n + 1); null when every line is one row. */
  starts: Int32Array | null;
}

function firstLineAtRow(layout: RowLayout, row: number, count: number): number {
  if (!layout.starts) return Math.min(count, Math.max(0, row));
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (layout.starts[mid + 1] <= row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function highlight(segments: AnsiSegment[], query: string): (AnsiSegment & { hit: boolean })[] {
  if (!query) return segments.map((s) => ({ ...s, hit: false }));
  const needle = query.toLowerCase();
  return segments.flatMap((segment) => {
    const parts: (AnsiSegment & { hit: boolean })[] = [];
    const haystack = segment.text.toLowerCase();
    let from = 0;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      if (at > from) parts.push({ ...segment, text: segment.text.slice(from, at), hit: false });
      parts.push({ ...segment, text: segment.text.slice(at, at + needle.length), hit: true });
      from = at + needle.length;
    }
    if (from < segment.text.length) parts.push({ ...segment, text: segment.text.slice(from), hit: false });
    return parts;
  });
}

/**
 * A task log of any length: only the rows in view are in the DOM (100,000 lines scroll like 100),
 * search runs in chunks between frames, ANSI colours are drawn, long lines wrap or scroll sideways,
 * and it keeps to the end while new lines arrive unless the reader scrolled up.
 */
@Component({
  selector: 'ud-log-viewer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="lv__bar">
      <input
        class="lv__search"
        type="search"
        placeholder="Search the log"
        aria-label="Search the log"
        data-testid="log-search"
        [value]="query()"
        (input)="search($any($event.target).value)"
        (keydown.enter)="step($any($event).shiftKey ? -1 : 1)"
      />
      <span class="small muted" data-testid="log-matches">
        @if (searching()) {
          searching…
        } @else if (query()) {
          {{ matches().length ? current() + 1 : 0 }} of {{ matches().length }}
        }
      </span>
      <button class="btn" type="button" (click)="step(-1)" [disabled]="!matches().length" aria-label="Previous match">
        ↑
      </button>
      <button
        class="btn"
        type="button"
        (click)="step(1)"
        [disabled]="!matches().length"
        aria-label="Next match"
        data-testid="log-next"
      >
        ↓
      </button>
      <label class="small"
        ><input
          type="checkbox"
          [checked]="wrap()"
          (change)="wrap.set($any($event.target).checked)"
          data-testid="log-wrap"
        />
        Wrap</label
      >
      <label class="small"
        ><input
          type="checkbox"
          [checked]="follow()"
          (change)="setFollow($any($event.target).checked)"
          data-testid="log-follow"
        />
        Follow</label
      >
      <button class="btn" type="button" (click)="download()" data-testid="log-download">Download</button>
      <span class="small muted lv__count" data-testid="log-count">{{ lines().length.toLocaleString('en') }} lines</span>
    </div>
    <div
      #viewport
      class="lv__viewport"
      [class.lv--wrap]="wrap()"
      [style.height.px]="boxPx()"
      (scroll)="onScroll()"
      data-testid="log"
      tabindex="0"
    >
      <div [style.height.px]="layout().total * rowPx"></div>
      <div class="lv__window" [style.transform]="'translateY(' + windowTop() + 'px)'">
        @for (v of visible(); track v.index) {
          <div
            class="lv__row"
            [class]="'lv__row lv__row--' + v.line.stream"
            [class.lv__row--current]="v.index === currentLine()"
            [style.height.px]="v.rows * rowPx"
            data-testid="log-line"
            [attr.data-line]="v.index + 1"
          >
            <span class="lv__no">{{ v.index + 1 }}</span><span class="lv__time">{{
              v.line.timestamp.slice(11, 23)
            }}</span
            ><span class="lv__msg">
              @for (p of v.parts; track $index) {
                @if (p.hit) {
                  <mark [class]="p.classes">{{ p.text }}</mark>
                } @else {
                  <span [class]="p.classes">{{ p.text }}</span>
                }
              }
            </span>
          </div>
        }
      </div>
    </div>
    <span #probe class="lv__probe" aria-hidden="true">0123456789</span>
  `,
  styles: `
    :host {
      display: block;
    }
    .lv__bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 0.5rem;
    }
    .lv__search {
      flex: 1 1 12rem;
      padding: 0.35rem 0.5rem;
      border: 1px solid #c4c4c4;
      border-radius: 4px;
      font: inherit;
    }
    .lv__count {
      margin-left: auto;
    }
    .lv__viewport {
      position: relative;
      max-height: 70vh;
      overflow: auto;
      background: #1e1e1e;
      color: #e6e6e6;
      border-radius: 6px;
      font: 0.8rem/20px var(--mono);
      contain: strict;
    }
    .lv__window {
      position: absolute;
      top: 0;
      left: 0;
      min-width: 100%;
    }
    .lv__row {
      display: flex;
      white-space: pre;
      padding-right: 1rem;
    }
    .lv--wrap .lv__row {
      white-space: pre-wrap;
      word-break: break-all;
    }
    .lv--wrap .lv__window {
      right: 0;
    }
    .lv__row--current {
      background: #3a3d41;
    }
    .lv__no {
      flex: none;
      width: 4.5em;
      padding-right: 0.75em;
      text-align: right;
      color: #6e7681;
      user-select: none;
    }
    .lv__time {
      flex: none;
      width: 7.5em;
      color: #8a8a8a;
      user-select: none;
    }
    .lv__msg {
      flex: 1;
      min-width: 0;
    }
    .lv__row--stderr .lv__msg {
      color: #ff8a80;
    }
    .lv__row--system .lv__msg {
      color: #82b1ff;
    }
    mark {
      background: #f9d849;
      color: #111;
    }
    .lv__probe {
      position: absolute;
      visibility: hidden;
      font: 0.8rem var(--mono);
      white-space: pre;
    }
    .ansi-bold {
      font-weight: 700;
    }
    .ansi-fg-0 {
      color: #555;
    }
    .ansi-fg-1 {
      color: #f14c4c;
    }
    .ansi-fg-2 {
      color: #23d18b;
    }
    .ansi-fg-3 {
      color: #f5f543;
    }
    .ansi-fg-4 {
      color: #3b8eea;
    }
    .ansi-fg-5 {
      color: #d670d6;
    }
    .ansi-fg-6 {
      color: #29b8db;
    }
    .ansi-fg-7 {
      color: #e5e5e5;
    }
    .ansi-fg-8 {
      color: #888;
    }
    .ansi-fg-9 {
      color: #ff6e6e;
    }
    .ansi-fg-10 {
      color: #5af78e;
    }
    .ansi-fg-11 {
      color: #f4f99d;
    }
    .ansi-fg-12 {
      color: #6ab0f3;
    }
    .ansi-fg-13 {
      color: #ff92d0;
    }
    .ansi-fg-14 {
      color: #9aedfe;
    }
    .ansi-fg-15 {
      color: #fff;
    }
    .ansi-bg-0 {
      background: #000;
    }
    .ansi-bg-1 {
      background: #cd3131;
    }
    .ansi-bg-2 {
      background: #0dbc79;
    }
    .ansi-bg-3 {
      background: #949800;
    }
    .ansi-bg-4 {
      background: #2472c8;
    }
    .ansi-bg-5 {
      background: #bc3fbc;
    }
    .ansi-bg-6 {
      background: #11a8cd;
    }
    .ansi-bg-7 {
      background: #666;
    }
  `,
})
export class LogViewerComponent {
  readonly lines = input.required<readonly TaskLogLine[]>();
  readonly fileName = input('task.log');

  protected readonly rowPx = LOG_ROW_PX;
  protected readonly wrap = signal(false);
  protected readonly follow = signal(true);
  protected readonly query = signal('');
  protected readonly searching = signal(false);
  /** Indices of the lines that match the query, in order. */
  readonly matches = signal<readonly number[]>([]);
  protected readonly current = signal(-1);
  protected readonly currentLine = computed(() => this.matches()[this.current()] ?? -1);

  private readonly viewport = viewChild.required<ElementRef<HTMLElement>>('viewport');
  private readonly probe = viewChild.required<ElementRef<HTMLElement>>('probe');
  private readonly scrollTop = signal(0);
  private readonly viewportPx = signal(LOG_BOX_PX);
  private readonly charsPerRow = signal(FALLBACK_CHARS_PER_ROW);
  private searchGeneration = 0;

  protected readonly layout = computed<RowLayout>(() => {
    const lines = this.lines();
    if (!this.wrap()) return { total: lines.length, starts: null };
    const perRow = this.charsPerRow();
    const starts = new Int32Array(lines.length + 1);
    for (let i = 0; i < lines.length; i++)
      starts[i + 1] = starts[i] + Math.max(1, Math.ceil(lines[i].message.length / perRow));
    return { total: starts[lines.length], starts };
  });

  private readonly range = computed(() => {
    const layout = this.layout();
    const count = this.lines().length;
    const firstRow = Math.max(0, Math.floor(this.scrollTop() / LOG_ROW_PX) - OVERSCAN_ROWS);
    const lastRow = Math.ceil((this.scrollTop() + this.viewportPx()) / LOG_ROW_PX) + OVERSCAN_ROWS;
    const first = firstLineAtRow(layout, firstRow, count);
    const last = Math.min(count, firstLineAtRow(layout, lastRow, count) + 1);
    return { first, last, top: (layout.starts ? layout.starts[first] : first) * LOG_ROW_PX };
  });

  protected readonly windowTop = computed(() => this.range().top);
  /** A short log takes the room it needs; a long one a fixed box that scrolls (a scroll bar's height spare). */
  protected readonly boxPx = computed(() => Math.min(LOG_BOX_PX, Math.max(3, this.layout().total) * LOG_ROW_PX + 18));

  protected readonly visible = computed<VisibleLine[]>(() => {
    const { first, last } = this.range();
    const lines = this.lines();
    const layout = this.layout();
    const query = this.query();
    const out: VisibleLine[] = [];
    for (let i = first; i < last; i++) {
      const rows = layout.starts ? layout.starts[i + 1] - layout.starts[i] : 1;
      out.push({ index: i, line: lines[i], rows, parts: highlight(parseAnsi(lines[i].message), query) });
    }
    return out;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.viewport().nativeElement;
      const measure = () => {
        if (element.clientHeight > 0) this.viewportPx.set(element.clientHeight);
        const charPx = this.probe().nativeElement.getBoundingClientRect().width / 10;
        // The message column is what is left after the line number and time columns (12 em).
        if (charPx > 0) this.charsPerRow.set(Math.max(20, Math.floor((element.clientWidth - 16) / charPx) - 20));
      };
      measure();
      if (typeof ResizeObserver !== 'undefined') {
        const observer = new ResizeObserver(measure);
        observer.observe(element);
        destroyRef.onDestroy(() => observer.disconnect());
      }
    });
    // New lines while following: stay at the end.
    effect(() => {
      this.layout();
      if (!untracked(this.follow)) return;
      queueMicrotask(() => this.scrollToRow(Number.MAX_SAFE_INTEGER));
    });
    // The search follows the lines as they grow.
    effect(() => {
      this.lines();
      const query = untracked(this.query);
      if (query) untracked(() => this.runSearch(query, false));
    });
    destroyRef.onDestroy(() => this.searchGeneration++);
  }

  protected onScroll(): void {
    const element = this.viewport().nativeElement;
    this.scrollTop.set(element.scrollTop);
    // Scrolling up stops following; scrolling back to the end starts it again.
    const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - LOG_ROW_PX;
    if (this.follow() !== atEnd && element.clientHeight > 0) this.follow.set(atEnd);
  }

  protected setFollow(on: boolean): void {
    this.follow.set(on);
    if (on) this.scrollToRow(Number.MAX_SAFE_INTEGER);
  }

  search(query: string): void {
    this.query.set(query);
    this.runSearch(query, true);
  }

  /** Moves to the next (1) or previous (-1) match and scrolls it into view. */
  step(direction: 1 | -1): void {
    const count = this.matches().length;
    if (count === 0) return;
    this.current.set((this.current() + direction + count) % count);
    this.scrollToLine(this.matches()[this.current()]);
  }

  scrollToLine(index: number): void {
    const layout = this.layout();
    this.follow.set(false);
    const row = layout.starts ? layout.starts[index] : index;
    this.scrollToRow(Math.max(0, row - Math.floor(this.viewportPx() / LOG_ROW_PX / 2)));
  }

  protected download(): void {
    const text = this.lines()
      .map((l) => `${l.timestamp} ${l.stream} ${stripAnsi(l.message)}\n`)
      .join('');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = this.fileName();
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  private scrollToRow(row: number): void {
    const element = this.viewport().nativeElement;
    const top = Math.min(
      row * LOG_ROW_PX,
      Math.max(0, this.layout().total * LOG_ROW_PX - (element.clientHeight || this.viewportPx())),
    );
    element.scrollTop = top;
    this.scrollTop.set(top);
  }

  /** Scans the lines in chunks, yielding between them, so typing stays responsive at 100,000 lines. */
  private runSearch(query: string, jump: boolean): void {
    const generation = ++this.searchGeneration;
    const needle = query.toLowerCase();
    if (!needle) {
      this.matches.set([]);
      this.current.set(-1);
      this.searching.set(false);
      return;
    }
    const lines = this.lines();
    const found: number[] = [];
    this.searching.set(true);
    const scan = (from: number) => {
      if (generation !== this.searchGeneration) return;
      const to = Math.min(lines.length, from + SEARCH_CHUNK);
      for (let i = from; i < to; i++) if (stripAnsi(lines[i].message).toLowerCase().includes(needle)) found.push(i);
      if (to < lines.length) {
        setTimeout(() => scan(to));
        return;
      }
      this.matches.set(found);
      this.searching.set(false);
      if (jump || this.current() >= found.length) {
        this.current.set(found.length ? 0 : -1);
        if (found.length) this.scrollToLine(found[0]);
      }
    };
    scan(0);
  }
}
