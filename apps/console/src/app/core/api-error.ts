import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody } from './api.types';

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'message' in body;
}

/** The message to show a user for a failed request; never a stack trace. */
export function apiErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Something went wrong.';
  }
  if (error.status === 0) {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  if (isApiErrorBody(error.error)) {
    const { message } = error.error;
    const text = Array.isArray(message) ? message.join('; ') : message;
    if (text) return text;
  }
  return `Request failed (${error.status}${error.statusText ? ' ' + error.statusText : ''}).`;
}
