/**
 * On paper, only the report: the site header, footer, skip link and portal
 * navigation are hidden. Those live in shared layouts, so the rule is scoped
 * to pages that render this.
 */
export function PrintStyles() {
  return (
    <style>{`@media print {
  body > header, body > footer, body > a[href="#main"], main nav { display: none !important; }
  body { background: #fff; }
  main { max-width: none !important; padding: 0 !important; }
}`}</style>
  );
}
