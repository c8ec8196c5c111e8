import type { Migration } from './types';

/** Brands with their version history, content-addressed files, assets, audits, jobs and settings. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE files (
        sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        ext         TEXT NOT NULL,
        mime        TEXT,
        size        INTEGER NOT NULL CHECK (size >= 0),
        created_at  TEXT NOT NULL
      );

      CREATE TABLE brands (
        brand_id              TEXT PRIMARY KEY,
        organization_id       TEXT NOT NULL DEFAULT 'local',
        name                  TEXT NOT NULL,
        current_version       INTEGER NOT NULL DEFAULT 1 CHECK (current_version >= 1),
        guidelines_json       TEXT NOT NULL,
        compressed_twin_json  TEXT,
        needs_review_json     TEXT NOT NULL DEFAULT '[]',
        pdf_sha256            TEXT REFERENCES files(sha256),
        pdf_url               TEXT,
        logo_thumbnail_url    TEXT,
        learning_active       INTEGER NOT NULL DEFAULT 0,
        feedback_count        INTEGER NOT NULL DEFAULT 0,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        deleted_at            TEXT
      );
      CREATE INDEX brands_by_activity ON brands (deleted_at, updated_at DESC);

      CREATE TABLE brand_versions (
        brand_id              TEXT NOT NULL REFERENCES brands(brand_id),
        version               INTEGER NOT NULL CHECK (version >= 1),
        guidelines_json       TEXT NOT NULL,
        compressed_twin_json  TEXT,
        needs_review_json     TEXT NOT NULL DEFAULT '[]',
        note                  TEXT,
        created_at            TEXT NOT NULL,
        PRIMARY KEY (brand_id, version)
      );

      CREATE TABLE jobs (
        job_id           TEXT PRIMARY KEY,
        brand_id         TEXT NOT NULL REFERENCES brands(brand_id),
        kind             TEXT NOT NULL DEFAULT 'generate',
        status           TEXT NOT NULL,
        progress         REAL NOT NULL DEFAULT 0,
        attempt_count    INTEGER NOT NULL DEFAULT 0,
        state_json       TEXT NOT NULL DEFAULT '{}',
        error_json       TEXT,
        idempotency_key  TEXT UNIQUE,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX jobs_by_status ON jobs (status, created_at);
      CREATE INDEX jobs_by_brand ON jobs (brand_id, created_at);

      CREATE TABLE assets (
        asset_id                TEXT PRIMARY KEY,
        brand_id                TEXT NOT NULL REFERENCES brands(brand_id),
        brand_version           INTEGER NOT NULL,
        job_id                  TEXT REFERENCES jobs(job_id),
        origin                  TEXT NOT NULL,
        parent_asset_id         TEXT REFERENCES assets(asset_id),
        sha256                  TEXT NOT NULL REFERENCES files(sha256),
        mime                    TEXT NOT NULL,
        width                   INTEGER NOT NULL,
        height                  INTEGER NOT NULL,
        prompt                  TEXT,
        generation_params_json  TEXT,
        compliance_json         TEXT,
        compliance_score        REAL,
        status                  TEXT NOT NULL DEFAULT 'pending',
        cost_tokens             INTEGER NOT NULL DEFAULT 0,
        cost_usd                REAL NOT NULL DEFAULT 0,
        created_at              TEXT NOT NULL,
        updated_at              TEXT NOT NULL,
        FOREIGN KEY (brand_id, brand_version) REFERENCES brand_versions(brand_id, version)
      );
      CREATE INDEX assets_by_brand ON assets (brand_id, created_at);
      CREATE INDEX assets_by_job ON assets (job_id);
      CREATE INDEX assets_by_parent ON assets (parent_asset_id);
      CREATE INDEX assets_by_file ON assets (sha256);

      CREATE TABLE audits (
        audit_id         TEXT PRIMARY KEY,
        asset_id         TEXT NOT NULL REFERENCES assets(asset_id),
        brand_version    INTEGER NOT NULL,
        compliance_json  TEXT NOT NULL,
        created_at       TEXT NOT NULL
      );
      CREATE INDEX audits_by_asset ON audits (asset_id, created_at);

      CREATE TABLE settings (
        key         TEXT PRIMARY KEY,
        value_json  TEXT NOT NULL
      );
    `);
  },
};
