import type { ReportFigures } from "@/lib/reports/figures";
import { formatMinorAmount, formatRating, formatShare } from "@/lib/reports/format";

function Tile({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm print:shadow-none">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900">{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-600">{hint}</dd> : null}
    </div>
  );
}

/** Every figure of one monthly report: counts, rates, money per currency and the weekday spread. */
export function ReportFiguresView({ figures, headingLevel = 2 }: { figures: ReportFigures; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const a = figures.appointments;
  const peak = Math.max(1, ...figures.weekdays.map((day) => day.appointments));
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="figures-appointments">
        <Heading id="figures-appointments" className="mb-3 text-lg font-semibold text-slate-900">
          Appointments
        </Heading>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Tile label="Appointments" value={a.total} hint={`${figures.patients} ${figures.patients === 1 ? "patient" : "patients"}`} />
          <Tile label="Completed" value={a.completed} />
          <Tile label="No-shows" value={a.noShow} />
          <Tile label="Cancelled" value={a.cancelled} hint={a.rescheduled ? `and ${a.rescheduled} moved to another time` : undefined} />
          <Tile label="Confirmed, outcome not recorded" value={a.confirmed} />
          <Tile label="Awaiting payment" value={a.pendingPayment} />
          <Tile label="Completion rate" value={formatShare(figures.rates.completion)} hint="completed ÷ (completed + no-shows)" />
          <Tile label="No-show rate" value={formatShare(figures.rates.noShow)} hint="no-shows ÷ (completed + no-shows)" />
          <Tile label="Cancellation rate" value={formatShare(figures.rates.cancellation)} hint="cancelled ÷ all appointments" />
          <Tile label="Average rating" value={formatRating(figures.rating.average, figures.rating.count)} hint="visible reviews written this month" />
          {figures.doctors === undefined ? null : <Tile label="Doctors with appointments" value={figures.doctors} />}
        </dl>
      </section>

      <section aria-labelledby="figures-money">
        <Heading id="figures-money" className="mb-3 text-lg font-semibold text-slate-900">
          Revenue
        </Heading>
        {figures.money.length === 0 ? (
          <p className="text-slate-600">No payments were taken for this month&apos;s appointments.</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Revenue by currency">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Revenue by currency</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  {["Currency", "Paid", "Refunded", "Net revenue", "Refunds"].map((label) => (
                    <th key={label} scope="col" className="py-2 pr-4 font-medium">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {figures.money.map((line) => (
                  <tr key={line.currency}>
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {line.currency}
                    </th>
                    <td className="py-2 pr-4">{formatMinorAmount(line.paidMinor, line.currency)}</td>
                    <td className="py-2 pr-4">{formatMinorAmount(line.refundedMinor, line.currency)}</td>
                    <td className="py-2 pr-4 font-semibold">{formatMinorAmount(line.netMinor, line.currency)}</td>
                    <td className="py-2 pr-4">{line.refundCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-2 text-xs text-slate-600">Money taken for the appointments of this month; payments due at the clinic are not included.</p>
      </section>

      <section aria-labelledby="figures-weekdays">
        <Heading id="figures-weekdays" className="mb-1 text-lg font-semibold text-slate-900">
          Busiest weekdays
        </Heading>
        <p className="mb-3 text-sm text-slate-700">{figures.busiestWeekdays.length ? figures.busiestWeekdays.join(", ") : "No appointments this month."}</p>
        <table className="w-full max-w-lg text-left text-sm">
          <caption className="sr-only">Appointments per weekday, not counting cancellations</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Weekday
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Appointments
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.weekdays.map((day) => (
              <tr key={day.weekday}>
                <th scope="row" className="w-28 py-1 pr-4 font-normal">
                  {day.name}
                </th>
                <td className="py-1">
                  <span className="flex items-center gap-2">
                    {day.appointments > 0 ? (
                      <span
                        aria-hidden="true"
                        className="inline-block h-3 rounded bg-brand-600 print:border print:border-slate-700"
                        style={{ width: `${(day.appointments / peak) * 12}rem` }}
                      />
                    ) : null}
                    {day.appointments}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
