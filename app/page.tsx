import Link from "next/link";
import { MainSearchFields } from "@/components/search/search-form";
import { NearMeButton } from "@/components/search/near-me-button";
import { buttonClasses } from "@/components/ui/button";
import { pickerOptions } from "@/lib/places/dataset";

const promises = [
  { title: "No double bookings", text: "The database itself refuses two visits in one slot, however many people click at once." },
  { title: "Times you can trust", text: "Slots follow the doctor's time zone and daylight-saving changes, shown in yours." },
  { title: "Reminders that make sense", text: "Reminders go out before the visit, and never for one that was cancelled or moved." },
];

export default function LandingPage() {
  return (
    <div className="flex flex-col gap-12 py-6">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-800 px-6 py-12 text-white sm:px-12">
        <h1 className="max-w-2xl text-3xl font-bold tracking-tight sm:text-5xl">See the right doctor, at a time that really is free.</h1>
        <p className="mt-4 max-w-xl text-lg text-brand-50">
          Search verified doctors by specialization, city, price and availability, then book, pay and manage your visit online.
        </p>
        <form
          method="get"
          action="/doctors"
          role="search"
          aria-label="Find a doctor"
          className="mt-8 grid gap-3 rounded-xl bg-white p-4 text-slate-900 shadow-lg grid-cols-1 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)] md:items-end lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto_auto]"
        >
          <MainSearchFields values={{ q: "", country: "", region: "", city: "" }} places={pickerOptions(null, null)} />
          <NearMeButton />
          <button type="submit" className={buttonClasses("primary", "min-h-11 text-base")}>
            Search
          </button>
        </form>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/doctors" className={buttonClasses("secondary", "text-base")}>
            Browse all doctors
          </Link>
          <Link
            href="/register"
            className="inline-flex items-center rounded-md border border-white/60 px-4 py-2 text-base font-semibold text-white hover:bg-white/10"
          >
            Create an account
          </Link>
        </div>
      </section>
      <section aria-labelledby="promises" className="grid gap-4 sm:grid-cols-3">
        <h2 id="promises" className="sr-only">
          What Careslot promises
        </h2>
        {promises.map((promise) => (
          <div key={promise.title} className="rounded-lg border border-slate-200 bg-white p-5">
            <h3 className="font-semibold text-slate-900">{promise.title}</h3>
            <p className="mt-2 text-slate-700">{promise.text}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
