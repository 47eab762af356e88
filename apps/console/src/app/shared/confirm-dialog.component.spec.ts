import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConfirmDialogComponent } from './confirm-dialog.component';

describe('ConfirmDialogComponent', () => {
  let fixture: ComponentFixture<ConfirmDialogComponent>;
  let confirmed: number;
  let cancelled: number;
  const el = (id: string) => fixture.nativeElement.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ConfirmDialogComponent] });
    fixture = TestBed.createComponent(ConfirmDialogComponent);
    fixture.componentRef.setInput('heading', 'Clear failed task instances');
    fixture.componentRef.setInput('confirmLabel', 'Clear');
    confirmed = 0;
    cancelled = 0;
    fixture.componentInstance.confirmed.subscribe(() => confirmed++);
    fixture.componentInstance.cancelled.subscribe(() => cancelled++);
    fixture.detectChanges();
  });

  it('cannot be confirmed until it knows what would change', () => {
    expect(el('confirm-loading')).toBeTruthy();
    expect((el('confirm-ok') as HTMLButtonElement).disabled).toBe(true);
    (el('confirm-ok') as HTMLButtonElement).click();
    expect(confirmed).toBe(0);
  });

  it('lists every task instance it will change, with its state, before confirming', () => {
    fixture.componentRef.setInput('instances', [
      { taskId: 'load', mapIndex: -1, state: 'upstream_failed' },
      { taskId: 'transform', mapIndex: 2, state: 'failed' },
    ]);
    fixture.detectChanges();
    const items = Array.from(fixture.nativeElement.querySelectorAll('[data-testid="confirm-item"]')) as HTMLElement[];
    expect(
      items.map((i) => [i.querySelector('.mono')?.textContent, i.querySelector('ud-state-badge')?.textContent?.trim()]),
    ).toEqual([
      ['load', 'upstream failed'],
      ['transform[2]', 'failed'],
    ]);
    expect(fixture.nativeElement.textContent).toContain('2 task instances will change');
    (el('confirm-ok') as HTMLButtonElement).click();
    expect(confirmed).toBe(1);
  });

  it('says when nothing would change and does not offer to go on', () => {
    fixture.componentRef.setInput('instances', []);
    fixture.detectChanges();
    expect(el('confirm-nothing')?.textContent).toContain('No task instance would change');
    expect((el('confirm-ok') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows an error and is cancelled by the button, the backdrop or Escape', () => {
    fixture.componentRef.setInput('error', 'run not found');
    fixture.detectChanges();
    expect(el('confirm-error')?.textContent).toContain('run not found');
    (el('confirm-cancel') as HTMLButtonElement).click();
    (fixture.nativeElement.querySelector('.cd__backdrop') as HTMLElement).click();
    fixture.nativeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(cancelled).toBe(3);
  });

  it('is disabled while the change is being made', () => {
    fixture.componentRef.setInput('instances', [{ taskId: 'load', mapIndex: -1, state: 'failed' }]);
    fixture.componentRef.setInput('busy', true);
    fixture.detectChanges();
    expect((el('confirm-ok') as HTMLButtonElement).disabled).toBe(true);
    expect(el('confirm-ok')?.textContent).toContain('Working');
  });
});
