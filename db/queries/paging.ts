// One page of a list: a fixed page size per list, and the total beside the
// rows so the page can say how many there are (components/ui/pagination.tsx;
// the page number comes from the URL through lib/validation/paging.ts).

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Paged<T> {
  rows: T[];
  total: number;
}

export function offsetOf({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}
