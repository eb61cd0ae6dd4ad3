import { PageSkeleton } from "@/components/ui/page-skeleton";

// In a route group, so the skeleton covers this list only: a detail page below it still answers 404 when it calls notFound().
export default function Loading() {
  return <PageSkeleton label="Loading patients…" />;
}
