import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from now (Slack's advice: 5 minutes), so a captured request cannot be replayed later. */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 300;

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export type SlackSignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a request Slack says it sent (X-Slack-Request-Timestamp, X-Slack-Signature) against the raw body it came with. */
export function verifySlackSignature(
  signingSecret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): SlackSignatureCheck {
  if (!timestamp || !signature) return { ok: false, reason: 'the request is not signed' };
  const sent = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - sent) > SLACK_SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'the request timestamp is outside the 5-minute window' };
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
