import type { Migration } from './types';

/**
 * The library's read model, kept by triggers so every write path (imports,
 * generation attempts, re-audits, reviews, dismissals) updates it in the same
 * transaction without knowing it exists:
 *
 * - `library_entries`: one narrow row per asset with what the library filters
 *   and sorts on. `assets` rows carry their compliance JSON (kilobytes) before
 *   the status, score and cost columns, so filtering `assets` itself would read
 *   overflow pages for every row; this table keeps a 10,000-asset query well
 *   under the 50 ms budget (npm run bench:library).
 * - `asset_search`: FTS5 over prompt and file name, rowid = library_entries.id.
 * - `thumbnails`: which stored file is the thumbnail of which image (by content).
 * - `templates`: approved assets saved for reuse.
 *
 * `status` is the library's decision vocabulary (shared/vocab/library.ts):
 * a reviewer's rejection, an approval the audit had not given (override), the
 * audit's own verdict, or none yet.
 */
export const library: Migration = {
  version: 2,
  name: 'library',
  up(db) {
    db.exec(`
      ALTER TABLE assets ADD COLUMN source_name TEXT;

      CREATE TABLE library_entries (
        id               INTEGER PRIMARY KEY,
        asset_id         TEXT NOT NULL UNIQUE REFERENCES assets(asset_id),
        brand_id         TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        origin           TEXT NOT NULL,
        asset_status     TEXT NOT NULL,
        audit_approved   INTEGER,
        score            REAL,
        audited_version  INTEGER,
        cost_tokens      INTEGER NOT NULL DEFAULT 0,
        cost_usd         REAL NOT NULL DEFAULT 0,
        source_name      TEXT,
        brand_version    INTEGER NOT NULL,
        brand_active     INTEGER NOT NULL DEFAULT 1,
        stale            INTEGER GENERATED ALWAYS AS (audited_version IS NOT NULL AND audited_version < brand_version) STORED,
        status           TEXT GENERATED ALWAYS AS (CASE
                           WHEN asset_status = 'rejected' THEN 'rejected'
                           WHEN asset_status = 'approved' AND audit_approved = 0 THEN 'override'
                           WHEN asset_status = 'approved' THEN 'approved'
                           WHEN audit_approved IS NULL THEN 'not_audited'
                           WHEN asset_status = 'needs_review' THEN 'needs_review'
                           WHEN audit_approved = 1 THEN 'approved'
                           ELSE 'failed' END) STORED
      );
      CREATE INDEX library_by_created ON library_entries (brand_active, created_at);
      CREATE INDEX library_by_brand ON library_entries (brand_id, created_at);
      CREATE INDEX library_by_status ON library_entries (status, created_at);
      CREATE INDEX library_by_brand_status ON library_entries (brand_id, status, created_at);
      CREATE INDEX library_by_stale ON library_entries (stale, created_at);
      CREATE INDEX library_by_score ON library_entries (score);
      CREATE INDEX library_counts ON library_entries (brand_active, brand_id, status, stale);

      CREATE VIRTUAL TABLE asset_search USING fts5(prompt, source_name, tokenize = 'unicode61 remove_diacritics 2');

      INSERT INTO library_entries (asset_id, brand_id, created_at, origin, asset_status, audit_approved, score, audited_version, cost_tokens, cost_usd, source_name, brand_version, brand_active)
        SELECT a.asset_id, a.brand_id, a.created_at, a.origin, a.status,
               CASE WHEN a.compliance_json IS NULL THEN NULL ELSE json_extract(a.compliance_json, '$.approved') END,
               a.compliance_score,
               COALESCE((SELECT au.brand_version FROM audits au WHERE au.asset_id = a.asset_id ORDER BY au.created_at DESC, au.rowid DESC LIMIT 1),
                        CASE WHEN a.compliance_json IS NULL THEN NULL ELSE a.brand_version END),
               a.cost_tokens, a.cost_usd, a.source_name, b.current_version, b.deleted_at IS NULL
        FROM assets a JOIN brands b ON b.brand_id = a.brand_id ORDER BY a.created_at, a.rowid;
      INSERT INTO asset_search (rowid, prompt, source_name)
        SELECT l.id, COALESCE(a.prompt, ''), COALESCE(a.source_name, '') FROM library_entries l JOIN assets a USING (asset_id);

      CREATE TRIGGER library_asset_inserted AFTER INSERT ON assets BEGIN
        INSERT INTO library_entries (asset_id, brand_id, created_at, origin, asset_status, audit_approved, score, audited_version, cost_tokens, cost_usd, source_name, brand_version, brand_active)
        SELECT NEW.asset_id, NEW.brand_id, NEW.created_at, NEW.origin, NEW.status,
               CASE WHEN NEW.compliance_json IS NULL THEN NULL ELSE json_extract(NEW.compliance_json, '$.approved') END,
               NEW.compliance_score,
               CASE WHEN NEW.compliance_json IS NULL THEN NULL ELSE NEW.brand_version END,
               NEW.cost_tokens, NEW.cost_usd, NEW.source_name, b.current_version, b.deleted_at IS NULL
        FROM brands b WHERE b.brand_id = NEW.brand_id;
        INSERT INTO asset_search (rowid, prompt, source_name)
          SELECT id, COALESCE(NEW.prompt, ''), COALESCE(NEW.source_name, '') FROM library_entries WHERE asset_id = NEW.asset_id;
      END;

      CREATE TRIGGER library_asset_updated AFTER UPDATE ON assets BEGIN
        UPDATE library_entries SET
          asset_status = NEW.status,
          audit_approved = CASE WHEN NEW.compliance_json IS NULL THEN NULL ELSE json_extract(NEW.compliance_json, '$.approved') END,
          score = NEW.compliance_score,
          audited_version = COALESCE(
            (SELECT au.brand_version FROM audits au WHERE au.asset_id = NEW.asset_id ORDER BY au.created_at DESC, au.rowid DESC LIMIT 1),
            CASE WHEN NEW.compliance_json IS NULL THEN NULL ELSE NEW.brand_version END),
          cost_tokens = NEW.cost_tokens,
          cost_usd = NEW.cost_usd,
          source_name = NEW.source_name
        WHERE asset_id = NEW.asset_id;
      END;

      CREATE TRIGGER library_search_updated AFTER UPDATE OF prompt, source_name ON assets BEGIN
        DELETE FROM asset_search WHERE rowid = (SELECT id FROM library_entries WHERE asset_id = NEW.asset_id);
        INSERT INTO asset_search (rowid, prompt, source_name)
          SELECT id, COALESCE(NEW.prompt, ''), COALESCE(NEW.source_name, '') FROM library_entries WHERE asset_id = NEW.asset_id;
      END;

      CREATE TRIGGER library_asset_deleted AFTER DELETE ON assets BEGIN
        DELETE FROM asset_search WHERE rowid = (SELECT id FROM library_entries WHERE asset_id = OLD.asset_id);
        DELETE FROM library_entries WHERE asset_id = OLD.asset_id;
      END;

      CREATE TRIGGER library_audit_inserted AFTER INSERT ON audits BEGIN
        UPDATE library_entries SET audited_version = NEW.brand_version WHERE asset_id = NEW.asset_id;
      END;

      -- A new guideline version makes older audits stale; a brand in the trash leaves the library.
      CREATE TRIGGER library_brand_changed AFTER UPDATE OF current_version, deleted_at ON brands BEGIN
        UPDATE library_entries SET brand_version = NEW.current_version, brand_active = NEW.deleted_at IS NULL WHERE brand_id = NEW.brand_id;
      END;

      CREATE TABLE thumbnails (
        source_sha256  TEXT NOT NULL REFERENCES files(sha256),
        size           INTEGER NOT NULL CHECK (size > 0),
        thumb_sha256   TEXT NOT NULL REFERENCES files(sha256),
        ext            TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        PRIMARY KEY (source_sha256, size)
      ) WITHOUT ROWID;

      CREATE TABLE templates (
        template_id      TEXT PRIMARY KEY,
        brand_id         TEXT NOT NULL REFERENCES brands(brand_id),
        name             TEXT NOT NULL,
        source_asset_id  TEXT NOT NULL REFERENCES assets(asset_id),
        prompt           TEXT NOT NULL,
        params_json      TEXT NOT NULL,
        references_json  TEXT NOT NULL DEFAULT '[]',
        created_at       TEXT NOT NULL,
        deleted_at       TEXT
      );
      CREATE INDEX templates_by_brand ON templates (brand_id, created_at);
    `);
  },
};
