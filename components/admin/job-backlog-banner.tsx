import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import type { JobRunnerStatus } from "@/lib/jobs/status";

/** Shown when background work has waited too long: emails and reminders are late until it is fixed. */
export function JobBacklogBanner({
  status,
  now,
  linkToOutbox = false,
}: {
  status: Pick<JobRunnerStatus, "backlogWarning" | "oldestWaitingAt" | "queueDepth" | "runner">;
  now: Date;
  linkToOutbox?: boolean;
}) {
  if (!status.backlogWarning || !status.oldestWaitingAt) return null;
  const minutes = Math.round((now.getTime() - status.oldestWaitingAt.getTime()) / 60_000);
  const runner = status.runner === "inngest" ? "Inngest" : "the local job runner";
  return (
    <Notice tone="warning">
      <p className="font-semibold">Background work is waiting: emails and reminders are late.</p>
      <p className="mt-1">
        {status.queueDepth} {status.queueDepth === 1 ? "item has" : "items have"} waited up to {minutes} minutes for {runner}.{" "}
        {linkToOutbox ? (
          <Link href="/admin/outbox" className="font-medium underline">
            See the outbox
          </Link>
        ) : (
          "The errors below say why."
        )}
      </p>
    </Notice>
  );
}
