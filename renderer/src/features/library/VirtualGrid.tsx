import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualGridProps {
  count: number;
  /** Tiles are at least this wide; as many columns as fit. */
  minTileWidth: number;
  /** Height of the text under the square image. */
  metaHeight: number;
  gap: number;
  /** Rows rendered beyond the viewport on each side. */
  overscan?: number;
  keyOf(index: number): string;
  renderTile(index: number): ReactNode;
  /** The index range rendered now (to fetch pages and thumbnails for it). */
  onRangeChange(start: number, end: number): void;
  label: string;
}

/**
 * A grid that renders only the rows in view: square tiles in as many columns
 * as fit, positioned with transforms inside one tall spacer. Scrolling
 * re-renders only when the first visible row changes, so 10,000 assets scroll
 * like 50 (npm run bench:library measures the frame times).
 */
export function VirtualGrid({ count, minTileWidth, metaHeight, gap, overscan = 2, keyOf, renderTile, onRangeChange, label }: VirtualGridProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [firstRow, setFirstRow] = useState(0);
  const firstRowRef = useRef(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor((size.width + gap) / (minTileWidth + gap)));
  const tile = Math.max(40, (size.width - gap * (columns - 1)) / columns);
  const rowHeight = tile + metaHeight + gap;
  const rows = Math.ceil(count / columns);
  const visibleRows = Math.ceil(size.height / rowHeight) + 1;
  const start = Math.min(count, Math.max(0, firstRow - overscan) * columns);
  const end = Math.min(count, (firstRow + visibleRows + overscan) * columns);

  useEffect(() => {
    if (size.width > 0) onRangeChange(start, end);
  }, [start, end, size.width, onRangeChange]);

  // A new filter (fewer rows) must not leave the view scrolled past the end.
  useEffect(() => {
    const el = ref.current;
    if (el && el.scrollTop > rows * rowHeight) el.scrollTop = 0;
  }, [rows, rowHeight]);

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    const row = Math.floor(el.scrollTop / rowHeight);
    if (row !== firstRowRef.current) {
      firstRowRef.current = row;
      setFirstRow(row);
    }
  };

  const tiles: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    const row = Math.floor(index / columns);
    const col = index % columns;
    tiles.push(
      <div
        key={keyOf(index)}
        className="vtile"
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={count}
        style={{ width: tile, height: tile + metaHeight, transform: `translate3d(${col * (tile + gap)}px, ${row * rowHeight}px, 0)` }}
      >
        {renderTile(index)}
      </div>,
    );
  }

  return (
    <div className="vgrid" ref={ref} onScroll={onScroll} data-columns={columns}>
      <div className="vgrid-spacer" role="list" aria-label={label} style={{ height: rows * rowHeight }}>
        {tiles}
      </div>
    </div>
  );
}
