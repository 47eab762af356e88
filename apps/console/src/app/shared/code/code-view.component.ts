import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { highlightLine } from './highlight';

/** A source file with line numbers and colours, one line marked (where the DAG is declared). */
@Component({
  selector: 'ud-code-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <pre
      class="code"
      data-testid="code-view"
    ><code>@for (line of lines(); track $index) {<span class="code__line" [class.code__line--marked]="$index + 1 === markedLine()"><span class="code__no">{{ $index + 1 }}</span>@for (token of line; track $index) {<span [class]="'tok-' + token.kind">{{ token.text }}</span>}
</span>}</code></pre>
  `,
  styles: `
    .code {
      background: #fbfbfd;
      border: 1px solid var(--border);
      border-radius: 6px;
      padding: 0.5rem 0;
      overflow: auto;
      max-height: 75vh;
      font: 0.82rem/1.5 var(--mono);
      margin: 0;
    }
    .code__line {
      display: block;
      padding-right: 1rem;
      white-space: pre;
    }
    .code__line--marked {
      background: #fff4c2;
    }
    .code__no {
      display: inline-block;
      width: 3.5em;
      padding-right: 1em;
      text-align: right;
      color: #9a9a9a;
      user-select: none;
    }
    .tok-keyword {
      color: #7b30d0;
    }
    .tok-string {
      color: #0b7a3e;
    }
    .tok-comment {
      color: #8a8a8a;
      font-style: italic;
    }
    .tok-number {
      color: #b45309;
    }
  `,
})
export class CodeViewComponent {
  readonly content = input.required<string>();
  readonly markedLine = input<number | null>(null);
  protected readonly lines = computed(() => this.content().split('\n').map(highlightLine));
}
