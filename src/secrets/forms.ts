// The forms a secret value takes on its way through a request and back: an output must hide
// every one of them, not only the value as typed.

/**
 * A secret and the forms it takes once encoded into a URL, a form body or a JSON string, or
 * echoed in a response header (trimmed, and read as Latin-1 as HTTP headers are), so that output
 * can hide the secret however a server or a URL parser gives it back.
 */
export function secretForms(value: string): string[] {
  const forms = new Set([
    value,
    value.trim(),
    encodeURIComponent(value),
    new URLSearchParams({ s: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value.trim(), 'utf8').toString('latin1'),
    // A host name comes back lowercased by the URL parser (`https://Admin.Example/` → `admin.example`).
    value.trim().toLowerCase(),
  ]);
  // How the URL parser encodes it in a path, a query or an opaque URL (`javascript:…`), to the end
  // of the URL (a "?" or "#" in the secret starts the query or fragment, encoded differently, but
  // the href still holds it all).
  for (const prefix of ['http://h/', 'http://h/?', 'x:']) {
    if (URL.canParse(`${prefix}${value}`)) forms.add(new URL(`${prefix}${value}`).href.slice(prefix.length));
  }
  return [...forms].filter((form) => form !== '' && form.length >= value.trim().length); // path normalisation may shorten it
}
