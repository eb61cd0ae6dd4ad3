"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the page's print styles leave only the report. */
export function PrintButton() {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()} className="print:hidden">
      Print
    </Button>
  );
}
