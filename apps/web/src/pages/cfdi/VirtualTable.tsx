import { type ReactNode, useCallback, useState } from 'react';

/**
 * A windowed table: a real <table> (headers, captions, screen readers) where only the rows in view
 * (plus a few) are rendered between two spacer rows, so ten thousand CFDI scroll as smoothly as
 * ten. Rows have a fixed height; `onNearEnd` asks for the next page before the reader gets there.
 */
export function VirtualTable<T>({
  items,
  rowKey,
  rowHeight,
  height,
  overscan = 8,
  caption,
  head,
  renderRow,
  onNearEnd,
  columns,
}: {
  items: T[];
  rowKey: (item: T) => string;
  rowHeight: number;
  height: number;
  overscan?: number;
  caption: string;
  head: ReactNode;
  renderRow: (item: T) => ReactNode;
  onNearEnd?: () => void;
  columns: number;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const onScroll = useCallback(
    (e: React.UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      setScrollTop(el.scrollTop);
      if (onNearEnd && el.scrollTop + el.clientHeight > el.scrollHeight - rowHeight * 20) onNearEnd();
    },
    [onNearEnd, rowHeight],
  );
  const spacer = (rows: number) =>
    rows > 0 ? (
      <tr style={{ height: rows * rowHeight }}>
        <td colSpan={columns} className="p-0" />
      </tr>
    ) : null;

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll region must be reachable by keyboard
    <div className="relative overflow-auto" style={{ maxHeight: height }} onScroll={onScroll} tabIndex={0}>
      <table className="table" aria-rowcount={items.length + 1}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-white">{head}</thead>
        <tbody>
          {spacer(first)}
          {items.slice(first, last).map((item) => (
            <VirtualRow key={rowKey(item)} height={rowHeight}>
              {renderRow(item)}
            </VirtualRow>
          ))}
          {spacer(items.length - last)}
        </tbody>
      </table>
    </div>
  );
}

function VirtualRow({ height, children }: { height: number; children: ReactNode }) {
  return <tr style={{ height }}>{children}</tr>;
}
