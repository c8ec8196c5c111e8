import { openStore } from '../../electron/core/store';
import { LibraryQuery } from '../../shared/schema';
const store = openStore({ dataDir: process.argv[2]! + '/data' });
const t = (label: string, fn: () => unknown) => { for (let i = 0; i < 3; i++) fn(); const s: number[] = []; for (let i = 0; i < 20; i++) { const a = performance.now(); fn(); s.push(performance.now() - a); } s.sort((a, b) => a - b); console.log(label.padEnd(30), s[10]!.toFixed(2), s[18]!.toFixed(2)); };
for (const q of [{}, { stale: true }, { statuses: ['approved'] }, { offset: 9000 }] as const) {
  const query = LibraryQuery.parse({ limit: 120, ...q });
  t('counts ' + JSON.stringify(q), () => store.library.counts(query));
  t('page   ' + JSON.stringify(q), () => store.library.page(query));
}
t('count(*) raw', () => store.db.prepare('select count(*) from library_entries').get());
t('scan status', () => store.db.prepare('select status, count(*) from library_entries group by status').all());
console.log(store.db.prepare("EXPLAIN QUERY PLAN WITH active AS MATERIALIZED (SELECT brand_id, name, current_version FROM brands WHERE deleted_at IS NULL) SELECT l.status, count(*), sum(l.audited_version < b.current_version) FROM library_entries l JOIN active b ON b.brand_id = l.brand_id GROUP BY l.status").all());
store.close();
