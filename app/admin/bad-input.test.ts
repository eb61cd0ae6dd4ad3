// `?to=9999-12-31` reached a 500 on the admin appointments, payments and audit
// pages and both CSV exports: "to" plus one day is year 10000, which
// PostgreSQL refuses. Replayed here as Next.js calls each page and route, with
// a real admin session: the pages render and say which filter was ignored, the
// exports answer 400, and the last accepted day (9998-12-31) runs its SQL.
import { isValidElement, type ReactNode } from "react";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import AdminAppointmentsPage from "@/app/admin/appointments/(list)/page";
import AdminAuditPage from "@/app/admin/audit/page";
import AdminPaymentsPage from "@/app/admin/payments/(list)/page";
import * as appointmentsExport from "@/app/admin/appointments/export/route";
import * as paymentsExport from "@/app/admin/payments/export/route";
import { DATE_RANGE_MESSAGE } from "@/lib/validation/text";
import { useTestDb } from "@/tests/db";
import { createAdmin } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(requestHeaders(session.cookie)) }));

const db = useTestDb({ max: 2 });

beforeAll(async () => {
  const admin = await createAdmin(db);
  session.cookie = await sessionCookieFor(db, { id: admin.id, role: "admin" });
});

/** The `problems` a page hands its FilterProblems notice, found in the rendered element tree. */
function filterProblemsIn(node: ReactNode): string[] {
  if (Array.isArray(node)) return node.flatMap(filterProblemsIn);
  if (!isValidElement(node)) return [];
  const props = node.props as { problems?: string[]; children?: ReactNode };
  return [...(props.problems ?? []), ...filterProblemsIn(props.children)];
}

const pages = { appointments: AdminAppointmentsPage, payments: AdminPaymentsPage, audit: AdminAuditPage };

describe("admin list pages with a date past year 9998", () => {
  it.each(Object.entries(pages))("%s: renders, saying the date was ignored", async (_name, Page) => {
    const page = await Page({ searchParams: Promise.resolve({ from: "2030-01-01", to: "9999-12-31" }) });
    expect(filterProblemsIn(page)).toEqual([DATE_RANGE_MESSAGE]);
  });

  it.each(Object.entries(pages))("%s: the last accepted day, 9998-12-31, runs its query", async (_name, Page) => {
    const page = await Page({ searchParams: Promise.resolve({ from: "1900-01-01", to: "9998-12-31" }) });
    expect(filterProblemsIn(page)).toEqual([]);
  });
});

describe("the CSV exports with a date past year 9998", () => {
  const get = (path: string) => new NextRequest(`http://localhost:3000${path}`, { headers: requestHeaders(session.cookie) });
  const exports = { appointments: appointmentsExport.GET, payments: paymentsExport.GET };

  it.each(Object.entries(exports))("%s: 400 naming the problem", async (name, GET) => {
    const response = await GET(get(`/admin/${name}/export?to=9999-12-31`));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(DATE_RANGE_MESSAGE);
  });

  it.each(Object.entries(exports))("%s: 9998-12-31 exports", async (name, GET) => {
    const response = await GET(get(`/admin/${name}/export?from=1900-01-01&to=9998-12-31`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    await response.text();
  });
});
