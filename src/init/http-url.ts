// The command line's URLs: http or https only (SPEC), with a hint when the scheme was left out.

/** `example.com`, `localhost:8080/x`: a host (and port) without a scheme. */
const HOST_FIRST = /^[\w-]+(\.[\w-]+)*(:\d+)?(\/|$)/;

/** The text as an http(s) URL without its fragment, or a message saying what it is instead. */
export function parseHttpUrl(text: string): URL | { error: string } {
  if (HOST_FIRST.test(text) && !text.includes('://')) {
    return { error: `"${text}" is not an http or https URL (did you mean "https://${text}"?)` };
  }
  if (!URL.canParse(text)) return { error: `"${text}" is not an http or https URL` };
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `"${text}" is not an http or https URL (its scheme is ${url.protocol.replace(/:$/, '')})` };
  }
  if (url.username !== '' || url.password !== '') {
    // It would be written into the file or the reports as it stands: credentials belong in a header.
    return { error: `a URL with a user name or password in it is not probed (it would be printed); use a probes file with headers: { authorization: "\${secret.NAME}" }` };
  }
  url.hash = '';
  return url;
}
