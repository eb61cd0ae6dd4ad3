// components/ui/data-table.tsx: every cell knows its column (shown on phones,
// where a row is a card), and the roles stay explicit for screen readers.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type Column, DataTable } from "@/components/ui/data-table";

function render(withActions: boolean) {
  const rows = [1, 2].map((n) =>
    h("tr", { key: n }, h("th", { scope: "row" }, `Month ${n}`), h("td", null, `€${n}`), withActions ? h("td", null, h("a", { href: "#" }, "Open")) : null),
  );
  const columns: Column[] = [{ label: "Month" }, { label: "Amount", align: "right" }, ...(withActions ? [{ label: "Actions", hidden: true }] : [])];
  return renderToStaticMarkup(h(DataTable, { caption: "Visits", columns, children: rows }));
}

describe("DataTable", () => {
  it("labels each cell with its column, row headers and cells keeping explicit roles", () => {
    const html = render(false);
    expect(html).toContain('<table role="table" class="stacked-table');
    expect(html.match(/<th scope="row" role="rowheader" data-label="Month">Month \d<\/th>/g)).toHaveLength(2);
    expect(html.match(/<td role="cell" data-label="Amount">€\d<\/td>/g)).toHaveLength(2);
    expect(html.match(/<tr role="row">/g)).toHaveLength(3);
    expect(html).toContain('<th scope="col" role="columnheader"');
  });

  it("a hidden column (the actions) gets no visible label; a left-out cell does not shift the labels", () => {
    const html = render(true);
    expect(html.match(/<td role="cell"><a href="#">Open<\/a><\/td>/g)).toHaveLength(2);
    expect(html).toContain('<td role="cell" data-label="Amount">€1</td>');
    expect(html).toContain('<span class="sr-only">Actions</span>');
  });
});
