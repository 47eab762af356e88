import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { TaskLogLine } from '@updraft/api-types';
import { LOG_ROW_PX, LogViewerComponent } from './log-viewer.component';

const LINES = 100_000;

function makeLines(count: number): TaskLogLine[] {
  return Array.from({ length: count }, (_, i) => ({
    timestamp: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, i)).toISOString(),
    stream: i % 1000 === 999 ? 'stderr' : 'stdout',
    message: i === 73_421 ? '\x1b[31mneedle in the haystack\x1b[0m at row 73422' : `processed record ${i} of ${count}`,
  }));
}

async function settle(fixture: ComponentFixture<LogViewerComponent>): Promise<void> {
  for (let i = 0; i < 20 && fixture.componentInstance['searching'](); i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('LogViewerComponent with 100,000 lines', () => {
  let fixture: ComponentFixture<LogViewerComponent>;
  const rendered = () =>
    Array.from(fixture.nativeElement.querySelectorAll('[data-testid="log-line"]')) as HTMLElement[];
  const viewport = () => fixture.nativeElement.querySelector('[data-testid="log"]') as HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [LogViewerComponent] });
    fixture = TestBed.createComponent(LogViewerComponent);
    fixture.componentRef.setInput('lines', makeLines(LINES));
    fixture.detectChanges();
    await settle(fixture);
  });

  it('puts only the rows in view in the DOM, sized for all 100,000 lines', () => {
    expect(fixture.nativeElement.querySelector('[data-testid="log-count"]').textContent).toContain('100,000 lines');
    expect(rendered().length).toBeGreaterThan(0);
    expect(rendered().length).toBeLessThan(150);
    const spacer = viewport().firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${LINES * LOG_ROW_PX}px`);
  });

  it('shows the rows around where it is scrolled to', async () => {
    fixture.componentInstance.scrollToLine(50_000);
    fixture.detectChanges();
    await settle(fixture);
    const numbers = rendered().map((row) => Number(row.dataset['line']));
    expect(numbers).toContain(50_001);
    expect(Math.max(...numbers) - Math.min(...numbers)).toBeLessThan(150);
    expect(rendered().find((row) => row.dataset['line'] === '50001')?.textContent).toContain(
      'processed record 50000 of 100000',
    );
  });

  it('finds a line by search, without its colour codes, jumps to it and highlights the match', async () => {
    fixture.componentInstance.search('NEEDLE in');
    await settle(fixture);
    expect(fixture.componentInstance.matches()).toEqual([73_421]);
    const row = rendered().find((r) => r.dataset['line'] === '73422') as HTMLElement;
    expect(row).toBeTruthy();
    expect(row.querySelector('mark')?.textContent).toBe('needle in');
    expect(row.querySelector('mark')?.className).toBe('ansi-fg-1');
    expect(row.textContent).not.toContain('\x1b');
    expect(fixture.nativeElement.querySelector('[data-testid="log-matches"]').textContent).toContain('1 of 1');
  });

  it('counts every match of a common word across all the lines', async () => {
    fixture.componentInstance.search('record 9999');
    await settle(fixture);
    // 9999 and 99990-99999.
    expect(fixture.componentInstance.matches().length).toBe(11);
  });

  it('wraps long lines into more rows and keeps them virtualised', async () => {
    fixture.componentRef.setInput('lines', [
      ...makeLines(LINES - 1),
      { timestamp: '2024-01-01T00:00:00.000Z', stream: 'stdout', message: 'x'.repeat(1200) },
    ]);
    (fixture.nativeElement.querySelector('[data-testid="log-wrap"]') as HTMLInputElement).click();
    fixture.detectChanges();
    await settle(fixture);
    const spacer = viewport().firstElementChild as HTMLElement;
    // 1,200 characters at the fallback 120 a row take 10 rows.
    expect(spacer.style.height).toBe(`${(LINES - 1 + 10) * LOG_ROW_PX}px`);
    expect(rendered().length).toBeLessThan(150);
  });
});
