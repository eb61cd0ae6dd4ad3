import "server-only";
import fs from "node:fs";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { Reader, type Response } from "mmdb-lib";

// "Approximate place if known" on the session list: the country an address is
// registered in, from the regional internet registries' delegations (the
// @ip-location-db/geo-whois-asn-country-mmdb package: CC0 data, bundled, so
// no network call and no account with a geolocation service). A country is as
// close as Careslot gets: enough to spot a sign-in from abroad, never a street.
// Only a public (unicast) address has one: loopback, private, shared and
// documentation ranges have none (the registry data gives some of them a
// country, hence ipaddr.js's check first).

/** next.config.ts copies this file into the standalone server (outputFileTracingIncludes). */
export const COUNTRY_DATABASE = "node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb";

// Loaded once per server on first use (≈ 8 MB, read-only): a cache of bundled data, not state.
let reader: Reader<Response> | null | undefined;

function countryReader(): Reader<Response> | null {
  if (reader === undefined) {
    try {
      reader = new Reader<Response>(fs.readFileSync(path.join(process.cwd(), COUNTRY_DATABASE)));
    } catch {
      // Without the file (an unusual install) the list simply shows no place.
      reader = null;
    }
  }
  return reader;
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** "Germany" for an address registered there; null when not known. */
export function approximatePlace(ip: string | null): string | null {
  if (!ip || !ipaddr.isValid(ip)) return null;
  // IPv4 written as IPv6 (::ffff:a.b.c.d) is read as the IPv4 address it is.
  const address = ipaddr.process(ip);
  if (address.range() !== "unicast") return null;
  // This database's records are { country_code }, not MaxMind's own shape that mmdb-lib's types describe.
  const record = countryReader()?.get(address.toString()) as { country_code?: unknown } | null | undefined;
  const code = record?.country_code;
  if (typeof code !== "string" || !/^[A-Z]{2}$/.test(code)) return null;
  return countryNames.of(code) ?? null;
}
