import { slackSignature, verifySlackSignature } from './slack-signature';

// Slack's own worked example (api.slack.com/authentication/verifying-requests-from-slack).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('Slack request signing', () => {
  it("computes Slack's documented signature", () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
  });

  it('accepts the signed request within the window', () => {
    expect(verifySlackSignature(SECRET, TIMESTAMP, SIGNATURE, BODY, 1531420618 + 299)).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, an old or future timestamp, and no signature', () => {
    const now = 1531420618;
    expect(verifySlackSignature(SECRET, TIMESTAMP, SIGNATURE, `${BODY}&x=1`, now).ok).toBe(false);
    expect(verifySlackSignature('another-secret', TIMESTAMP, SIGNATURE, BODY, now).ok).toBe(false);
    expect(verifySlackSignature(SECRET, TIMESTAMP, SIGNATURE, BODY, now + 301)).toEqual({
      ok: false,
      reason: 'the request timestamp is outside the 5-minute window',
    });
    expect(verifySlackSignature(SECRET, TIMESTAMP, SIGNATURE, BODY, now - 301).ok).toBe(false);
    expect(verifySlackSignature(SECRET, undefined, undefined, BODY, now).ok).toBe(false);
    expect(verifySlackSignature(SECRET, 'abc', SIGNATURE, BODY, now).ok).toBe(false);
  });
});
