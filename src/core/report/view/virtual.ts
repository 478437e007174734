/**
 * Window math of the virtualized utterance table, DOM-free: which rows are in the DOM for a scroll
 * position (the visible ones plus `overscan` on each side), and where to scroll to reveal a row.
 * Rows have one fixed height.
 */
export interface VirtualWindow {
  /** First row in the DOM (inclusive). */
  start: number;
  /** Past the last row in the DOM (exclusive). */
  end: number;
}

export function virtualWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): VirtualWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/** Total height of the scrolled content. */
export function contentHeight(rowHeight: number, count: number): number {
  return Math.max(0, rowHeight * count);
}

/**
 * The scrollTop that shows row `index` entirely, changing the current one as little as possible
 * (unchanged when the row is already visible). `reserved` is space at the top covered by a sticky header.
 */
export function revealRow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number, reserved = 0): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const viewTop = scrollTop;
  const viewBottom = scrollTop + viewportHeight - reserved;
  if (top < viewTop) return Math.max(0, top);
  if (bottom > viewBottom) return Math.max(0, bottom - (viewportHeight - reserved));
  return scrollTop;
}

/** Rows a Page Up/Down moves by. */
export function pageRows(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}

/** A selection moved by `by` rows, clamped to the list; -1 when the list is empty. */
export function moveSelection(position: number, by: number, count: number): number {
  if (count <= 0) return -1;
  if (position < 0) return by >= 0 ? 0 : count - 1;
  return Math.max(0, Math.min(count - 1, position + by));
}
