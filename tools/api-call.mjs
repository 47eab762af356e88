// A tiny client for the Updraft REST API, shared by `npm start` and `npm run bench`.
export async function callApi(baseUrl, method, path, { json, form, token } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (json) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers,
    body: form ?? (json ? JSON.stringify(json) : undefined),
  });
  const text = await response.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: callers see the raw text.
  }
  return { status: response.status, body };
}
