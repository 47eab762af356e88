import type { MailDelivery } from '@updraft/api-types';

/** Where a mail stands, in words: the API answers with it at once, the worker sends and retries. */
export function deliveryText(delivery: MailDelivery): string {
  switch (delivery.status) {
    case 'queued':
      return 'queued: it leaves in a moment';
    case 'sent':
      return delivery.sentAt ? `sent at ${delivery.sentAt.replace('T', ' ').slice(0, 16)} UTC` : 'sent';
    case 'failed':
      return `not sent yet (attempt ${delivery.attempts} failed${delivery.lastError ? `: ${delivery.lastError}` : ''}); it will be tried again`;
    case 'abandoned':
      return `could not be sent${delivery.lastError ? ` (${delivery.lastError})` : ''}`;
  }
}
