/** Serialised JSON of answers that are handed out again and again (the same object from a service's cache). */
const serialised = new WeakMap<object, string>();

/**
 * The JSON text of `answer`, serialised once per answer object. Only for answers that nobody changes
 * after they are made (the services' cached, read-only answers): a whole-catalog sizing answer is
 * about 15 kB, and serialising it again for every repeat cost as much as the rest of the request.
 */
export function jsonOf(answer: object): string {
  let text = serialised.get(answer);
  if (text === undefined) {
    text = JSON.stringify(answer);
    serialised.set(answer, text);
  }
  return text;
}
