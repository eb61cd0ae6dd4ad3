// Runs once when a server starts. The check lives in a Node-only module so the
// edge bundle never sees process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/startup-check");
}
