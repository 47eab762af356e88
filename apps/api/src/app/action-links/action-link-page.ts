/** A page a link answers with: its HTTP status and HTML. */
export interface ActionLinkPage {
  status: number;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d2433}
h1{font-size:1.3rem}p{line-height:1.5}button{font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:6px;background:#1f6feb;color:#fff;cursor:pointer}
.muted{color:#5b6472}`;

function page(status: number, title: string, body: string): ActionLinkPage {
  return {
    status,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Updraft</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}

/** Asks before acting: a GET never acts (mail scanners and previews follow links), the button POSTs the token. */
export function confirmPage(title: string, lines: string[], confirmLabel: string, token: string): ActionLinkPage {
  return page(
    200,
    title,
    `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}
<form method="post" action="../actionLinks">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">${escapeHtml(confirmLabel)}</button>
</form>`,
  );
}

export function resultPage(status: number, title: string, message: string): ActionLinkPage {
  return page(status, title, `<p>${escapeHtml(message)}</p><p class="muted">You can close this page.</p>`);
}
