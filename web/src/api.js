// The JSON API, from the page's own origin. Every error comes back as
// {status, message}; we turn it into an Error carrying that message.

export async function api(path, options = {}) {
  const response = await fetch(path, {
    headers: { Accept: "application/json", ...(options.headers || {}) },
    ...options,
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.message ? body.message : `HTTP ${response.status}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

// The filter names the API takes, in the order the form shows them.
export const FILTERS = ["actor", "country", "dyad", "undirected", "plover", "cameo", "quad",
  "since", "until", "text", "unit"];

// A query string from a filter object: empty values left out.
export function query(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...extra })) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    params.set(name, value === true ? "true" : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
