// Runs once when a server starts. The checks live in Node-only modules so the
// edge bundle never sees process.exit or the job queue.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/startup-check");
  const { startConfiguredJobRunner } = await import("./inngest/local/start");
  await startConfiguredJobRunner();
}
