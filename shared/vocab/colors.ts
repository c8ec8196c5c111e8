// Plain colour vocabulary (no zod): colour roles and the groups proportions are measured in.

export const COLOR_USAGES = ['primary', 'secondary', 'accent', 'neutral', 'semantic'] as const;
export type ColorUsage = (typeof COLOR_USAGES)[number];

/**
 * Role groups the audit measures area shares in: background neutrals, brand
 * colours (primary + secondary), accents, and semantic UI colours.
 */
export const ROLE_GROUPS = ['neutral', 'brand', 'accent', 'semantic'] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];
export type RoleShares = Record<RoleGroup, number>;

export function roleGroupOf(usage: ColorUsage): RoleGroup {
  if (usage === 'primary' || usage === 'secondary') return 'brand';
  return usage;
}

/** The three groups of the 60-30-10 rule (semantic colours are outside it), with the rule's shares. */
export const SIXTY_THIRTY_TEN = { neutral: 0.6, brand: 0.3, accent: 0.1 } as const;
export type SixtyThirtyTenGroup = keyof typeof SIXTY_THIRTY_TEN;
export const SIXTY_THIRTY_TEN_GROUPS = Object.keys(SIXTY_THIRTY_TEN) as SixtyThirtyTenGroup[];
