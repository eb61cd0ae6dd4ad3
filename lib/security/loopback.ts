// Whether a request came from this machine, for the dev mailbox in a
// production build (lib/dev-mailbox.ts).
//
// The assumption, stated: Next.js gives the app no socket address. `next
// start` copies the socket's remote address into X-Forwarded-For only when the
// request has none (next/dist/server/base-server.js), and a reverse proxy in
// front (nginx's $proxy_add_x_forwarded_for, a load balancer) appends the
// address it saw. So this trusts X-Forwarded-For as the proxy sets it: EVERY
// address in it, and X-Real-IP when present, must be a loopback one; a
// missing header is refused. A client talking straight to a `next start`
// that listens on a public interface can forge the header, which is why the
// mailbox must never be on where real people sign in, and why the server says
// so in capitals when it starts (lib/env-schema.ts startupWarnings).

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address
    .trim()
    .replace(/^\[(.*)\](:\d+)?$/, "$1")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1")
    .toLowerCase();
  if (bare === "::1" || bare === "0:0:0:0:0:0:0:1") return true;
  const v4 = bare.startsWith("::ffff:") ? bare.slice("::ffff:".length) : bare;
  const octets = v4.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

/** True when every address the request's forwarding headers name is a loopback one (and there is at least one). */
export function isLoopbackRequest(headers: Headers): boolean {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const realIp = headers.get("x-real-ip")?.trim();
  const addresses = realIp ? [...forwarded, realIp] : forwarded;
  return addresses.length > 0 && addresses.every(isLoopbackAddress);
}
