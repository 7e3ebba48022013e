// Reading a Page's extras without importing the client: a Page is an array with non-enumerable `nextLink` and
// `count`, so display only looks at their shape.

/** What a formatter needs to know about a page of results. */
export interface PageInfo {
  /** True when the service said more pages follow. */
  readonly hasMore: boolean;
  /** Total matching entities when the list was asked with `$count`. */
  readonly count: number | undefined;
  /** The entity set the page was listed from, when it says. */
  readonly entitySet: string | undefined;
}

/** The paging extras of an array (all absent for a plain array). */
export function pageInfo(rows: readonly unknown[]): PageInfo {
  const extras = rows as { nextLink?: unknown; count?: unknown; entitySet?: unknown };
  return {
    hasMore: typeof extras.nextLink === "string" && extras.nextLink !== "",
    count: typeof extras.count === "number" ? extras.count : undefined,
    entitySet: typeof extras.entitySet === "string" ? extras.entitySet : undefined,
  };
}

/**
 * The footer under a list: how many rows were cut, and how to get further pages.
 * @example listFooter(50, 50, { hasMore: true, count: undefined }, "iocs")[0] // "First page only (50). More: …"
 */
export function listFooter(shown: number, total: number, page: PageInfo, setName = "alerts"): string[] {
  const lines: string[] = [];
  if (shown < total)
    lines.push(`… ${total - shown} more row${total - shown === 1 ? "" : "s"} (${total} in all)`);
  if (page.hasMore) {
    const of = page.count !== undefined ? ` of ${page.count}` : "";
    lines.push(
      `First page only (${total}${of}). More: for await (const x of ${setName}.list()) …, or await ${setName}.list().toArray()`,
    );
  }
  return lines;
}
