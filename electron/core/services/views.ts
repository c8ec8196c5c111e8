import type { AssetView, BrandDetail, BrandSummary, LogoView } from '../../../shared/ipc';
import { isLogoInUse, logoFiles, logoId, logoVariant } from '../../../shared/logos';
import { LOGO_VARIANTS } from '../../../shared/vocab/logos';
import type { Asset, Brand } from '../../../shared/schema';
import { compileTwin, validateSize } from '../../../shared/twin';
import { parseFileUri, type Store } from '../store';

/** How the renderer addresses a stored file: mobius-asset:// in Electron, a token-checked http URL in the bridge. */
export type FileUrl = (sha256: string, ext: string) => string;

/** The read models the IPC contract returns, built from stored rows. */
export interface Views {
  asset(asset: Asset): AssetView;
  brandDetail(brand: Brand): BrandDetail;
  brandSummary(brand: Brand): BrandSummary;
}

export function createViews(store: Store, fileUrl: FileUrl): Views {
  return {
    asset(asset) {
      const brand = store.brands.get(asset.brand_id, { includeDeleted: true });
      const latest = store.audits.latestForAsset(asset.asset_id);
      return {
        asset,
        image_url: fileUrl(asset.sha256, store.fileRecords.get(asset.sha256)?.ext ?? 'bin'),
        audited_version: latest?.brand_version ?? asset.compliance?.brand_version ?? null,
        current_brand_version: brand?.version ?? null,
      };
    },
    brandDetail(brand) {
      const compiled = compileTwin(brand.guidelines);
      return {
        brand,
        // By variant (primary, reversed, mark), the one in use first within each.
        logos: logoFiles(brand.guidelines).map((logo): LogoView => {
          const file = parseFileUri(logo.url)!;
          const origin = logo.provenance[0];
          return {
            id: logoId(logo)!,
            variant: logoVariant(logo),
            variant_name: logo.variant_name,
            image_url: fileUrl(file.sha256, file.ext),
            in_use: isLogoInUse(brand.guidelines, logo),
            verified: logo.verified,
            confidence: logo.confidence,
            page: origin && origin.source !== 'user' ? origin.page : null,
            source: origin?.source ?? 'user',
          };
        }).sort((a, b) => LOGO_VARIANTS.indexOf(a.variant) - LOGO_VARIANTS.indexOf(b.variant) || Number(b.in_use) - Number(a.in_use)),
        twin_tokens: compiled.tokens,
        twin_within_limit: validateSize(compiled.twin),
        versions: store.brands
          .listVersions(brand.brand_id)
          .map((v) => ({ version: v.version, note: v.note ?? null, created_at: v.created_at }))
          .reverse(),
      };
    },
    brandSummary(brand) {
      const assets = store.assets.list({ brand_id: brand.brand_id });
      const newest = assets.reduce((latest, a) => (a.updated_at > latest ? a.updated_at : latest), brand.updated_at);
      const palette = [...brand.guidelines.colors]
        .sort((a, b) => b.usage_weight - a.usage_weight)
        .map((c) => ({ hex: c.hex, name: c.name, usage: c.usage, usage_weight: c.usage_weight }));
      return {
        brand_id: brand.brand_id,
        name: brand.name,
        version: brand.version,
        palette,
        needs_review_count: brand.needs_review.length,
        asset_count: assets.length,
        created_at: brand.created_at,
        updated_at: brand.updated_at,
        last_activity_at: newest,
      };
    },
  };
}
