import { TestBed } from '@angular/core/testing';
import { StateBadgeComponent } from './state-badge.component';

function render(state: string | null) {
  const fixture = TestBed.createComponent(StateBadgeComponent);
  fixture.componentRef.setInput('state', state);
  fixture.detectChanges();
  return fixture.nativeElement.querySelector('span') as HTMLSpanElement;
}

describe('StateBadgeComponent', () => {
  it.each([
    ['success', 'success'],
    ['failed', 'failed'],
    ['running', 'running'],
    ['upstream_failed', 'upstream failed'],
    ['up_for_retry', 'up for retry'],
  ])('shows %s with its colour class', (state, label) => {
    const badge = render(state);
    expect(badge.classList).toContain('badge');
    expect(badge.classList).toContain(`badge--${state}`);
    expect(badge.textContent?.trim()).toBe(label);
  });

  it('shows a missing state as "none"', () => {
    const badge = render(null);
    expect(badge.classList).toContain('badge--none');
    expect(badge.textContent?.trim()).toBe('none');
  });

  it('follows state changes', () => {
    const fixture = TestBed.createComponent(StateBadgeComponent);
    fixture.componentRef.setInput('state', 'queued');
    fixture.detectChanges();
    fixture.componentRef.setInput('state', 'running');
    fixture.detectChanges();
    const badge = fixture.nativeElement.querySelector('span') as HTMLSpanElement;
    expect(badge.className).toBe('badge badge--running');
  });
});
