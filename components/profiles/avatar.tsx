/** A profile photo, or the person's initials on a tinted disc when there is none. */
export function Avatar({ name, src, size = 64 }: { name: string; src: string | null; size?: number }) {
  const style = { width: size, height: size };
  if (src) {
    // A plain <img>: photos come from our own authorised route, already resized to ≤ 512 px.
    return (
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={src}
        alt={`Photo of ${name}`}
        width={size}
        height={size}
        style={style}
        className="shrink-0 rounded-full border border-slate-200 bg-slate-100 object-cover"
      />
    );
  }
  const initials = name
    .replace(/^(Dr\.?|Prof\.?)\s+/i, "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
  return (
    <span aria-hidden="true" style={style} className="flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800">
      <span style={{ fontSize: size / 2.8 }}>{initials}</span>
    </span>
  );
}
