"use client";

import { useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";

export interface SlotChoice {
  /** The slot's instant, ISO: what the form sends. */
  value: string;
  label: string;
}

const noSubscription = () => () => {};

const MOVES: Record<string, (index: number, columns: number, count: number) => number> = {
  ArrowRight: (index) => index + 1,
  ArrowLeft: (index) => index - 1,
  ArrowDown: (index, columns) => index + columns,
  ArrowUp: (index, columns) => index - columns,
  Home: () => 0,
  End: (_index, _columns, count) => count - 1,
};

/**
 * The free times as submit buttons of the surrounding GET form. With
 * JavaScript the grid is one Tab stop and the arrow keys (Home, End too) move
 * between times; without it every button is its own Tab stop.
 */
export function SlotGrid({ slots, selected }: { slots: SlotChoice[]; selected: string | undefined }) {
  const grid = useRef<HTMLDivElement>(null);
  // True once hydrated (false in the server's HTML): only then is the grid one Tab stop.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // The arrow keys' position, reset to the chosen time whenever the times or the choice change.
  const key = `${selected}|${slots.map((slot) => slot.value).join()}`;
  const [moved, setMoved] = useState<{ key: string; index: number } | null>(null);
  const active =
    moved?.key === key
      ? moved.index
      : Math.max(
          0,
          slots.findIndex((slot) => slot.value === selected),
        );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const move = MOVES[event.key];
    const buttons = [...(grid.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (!move || index < 0) return;
    // Columns as laid out now: the buttons that share the first one's row.
    const columns = Math.max(1, buttons.filter((button) => button.offsetTop === buttons[0]!.offsetTop).length);
    const next = move(index, columns, buttons.length);
    if (next < 0 || next >= buttons.length) return;
    event.preventDefault();
    setMoved({ key, index: next });
    buttons[next]!.focus();
  }

  return (
    <div ref={grid} onKeyDown={onKeyDown} className="grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-6">
      {slots.map((slot, index) => {
        const pressed = slot.value === selected;
        return (
          <button
            key={slot.value}
            type="submit"
            name="slot"
            value={slot.value}
            aria-pressed={pressed}
            tabIndex={enhanced && index !== active ? -1 : undefined}
            className={`min-h-11 rounded-md border px-2 py-2 text-sm font-semibold tabular-nums ${pressed ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-900 hover:border-brand-700"}`}
          >
            {slot.label}
          </button>
        );
      })}
    </div>
  );
}
