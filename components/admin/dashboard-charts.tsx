"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import Link from "next/link";
import { formatCalendarMonth } from "@/lib/format";
import type { AppointmentStatus } from "@/lib/vocabulary";

// The figures arrive already aggregated by SQL; these components only draw
// them. Each chart has its numbers as a table too (screen readers, printing).

const statusSeries = [
  { key: "confirmed", label: "Confirmed", color: "#047857" },
  { key: "completed", label: "Completed", color: "#0369a1" },
  { key: "pending_payment", label: "Awaiting payment", color: "#b45309" },
  { key: "no_show", label: "No-show", color: "#b91c1c" },
  { key: "cancelled", label: "Cancelled", color: "#64748b" },
] as const;

const revenueColor = "#0f766e";

export type DayPoint = { day: string } & Record<AppointmentStatus, number>;
export type MonthPoint = Record<string, string | number> & { month: string };

const axisTick = { fontSize: 12, fill: "#475569" };

function ChartFrame({
  title,
  description,
  children,
  table,
  controls,
}: {
  title: string;
  description: string;
  children: React.ReactNode;
  table: React.ReactNode;
  controls?: React.ReactNode;
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <figcaption className="mb-3">
        <span className="block text-lg font-semibold text-slate-900">{title}</span>
        <span className="block text-sm text-slate-600">{description}</span>
      </figcaption>
      {controls}
      <div className="h-64 w-full" aria-hidden="true">
        {children}
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Show the numbers as a table</summary>
        {/* Scrolls when long: focusable, so keyboard users can scroll it too. */}
        <div className="mt-2 max-h-72 overflow-auto" tabIndex={0} role="region" aria-label={`${title}, numbers`}>
          {table}
        </div>
      </details>
    </figure>
  );
}

function DataTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: (string | number)[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 text-slate-600">
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col" className="py-1 pr-3 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 tabular-nums">
        {rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="py-1 pr-3 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className="py-1 pr-3">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AppointmentsPerDayChart({ data }: { data: DayPoint[] }) {
  return (
    <ChartFrame
      title="Appointments per day"
      description="The last 30 days by status (UTC days)."
      table={
        <DataTable
          caption="Appointments per day by status"
          headers={["Day", ...statusSeries.map((s) => s.label)]}
          rows={data.map((d) => [d.day, ...statusSeries.map((s) => d[s.key])])}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, left: -16, bottom: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={axisTick} tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
          <YAxis allowDecimals={false} tick={axisTick} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {statusSeries.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="status" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** One currency at a time (amounts in different currencies do not add up), switched by links that work without JavaScript. */
export function RevenuePerMonthChart({ data, currencies, currency }: { data: MonthPoint[]; currencies: string[]; currency: string | undefined }) {
  return (
    <ChartFrame
      title={currency ? `Revenue per month (${currency})` : "Revenue per month"}
      description={currency ? "The last 12 months, paid minus refunded." : "The last 12 months. No payments yet."}
      controls={
        currencies.length > 1 ? (
          <nav aria-label="Revenue currency" className="mb-3 flex flex-wrap gap-2">
            {currencies.map((code) => (
              <Link
                key={code}
                href={`/admin?currency=${code}`}
                scroll={false}
                aria-current={code === currency ? "page" : undefined}
                className={`rounded-full px-3 py-1 text-sm font-medium ${code === currency ? "bg-brand-700 text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
              >
                {code}
              </Link>
            ))}
          </nav>
        ) : null
      }
      table={
        <DataTable
          caption={`Revenue per month${currency ? ` in ${currency}` : ""}`}
          headers={["Month", currency ?? "Revenue"]}
          rows={data.map((d) => [formatCalendarMonth(d.month, "long"), currency ? Number(d[currency] ?? 0).toFixed(2) : "0.00"])}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 8, left: 0, bottom: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={axisTick} tickFormatter={(month: string) => formatCalendarMonth(month)} minTickGap={8} />
          <YAxis tick={axisTick} />
          <Tooltip labelFormatter={(month) => formatCalendarMonth(String(month), "long")} />
          {currency ? (
            <Line type="linear" dataKey={currency} name={currency} stroke={revenueColor} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function AppointmentsBySpecializationChart({ data }: { data: { name: string; appointments: number }[] }) {
  return (
    <ChartFrame
      title="Appointments by specialization"
      description={data.length ? "The last 12 months, cancelled visits left out." : "The last 12 months. No appointments yet."}
      table={
        <DataTable caption="Appointments by specialization" headers={["Specialization", "Appointments"]} rows={data.map((d) => [d.name, d.appointments])} />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, left: 24, bottom: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={axisTick} />
          <YAxis type="category" dataKey="name" width={120} tick={axisTick} />
          <Tooltip />
          <Bar dataKey="appointments" name="Appointments" fill="#0f766e" maxBarSize={32} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
