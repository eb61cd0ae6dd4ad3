// One action message on the page at a time: the newest answer replaces the
// one shown before it, wherever on the page that one was (several forms on a
// page each keep their own answer in their own state). Before JavaScript runs
// nobody has claimed the page, so a server-rendered answer (a form posted
// without JavaScript) is shown as it is.

let shown: string | null = null;
const listeners = new Set<() => void>();

/** Makes the message with this id the only one shown. */
export function showOnly(id: string): void {
  if (shown === id) return;
  shown = id;
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function shownMessage(): string | null {
  return shown;
}

/** The server render and hydration: nothing claimed yet. */
export function noMessageClaimed(): null {
  return null;
}
