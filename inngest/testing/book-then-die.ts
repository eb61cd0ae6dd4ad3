// A server that dies at the worst moment: it books (the booking and its
// outbox event commit), says so, and hangs until the test kills it, before
// any email could go. Run by inngest/local/crash.test.ts with tsx.
import { register } from "node:module";

// As bench/index.ts: "server-only" is an empty module outside Next.
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const [doctorId, patientId, startsAt] = process.argv.slice(2);
const { connectDatabase } = await import("@/db/client");
const { bookAppointment } = await import("@/lib/booking/service");
const { TEST_NOW } = await import("@/tests/factories");
const { db } = connectDatabase(process.env.DATABASE_URL!, { max: 2 });
const appointment = await bookAppointment(db, { doctorId, patientId, startsAt: new Date(startsAt), reason: "Booked just before the crash" }, TEST_NOW);
console.log(JSON.stringify({ appointmentId: appointment.id }));
await new Promise(() => {});
