export const USAGE = `Mobius — keep brand work on-brand.

Usage: mobius <command> [options]

Brands
  mobius ingest <guidelines.pdf> [--name <name>] [--offline]
                                         Build a brand twin from a guidelines PDF (locally; refined
                                         by Gemini when a key is set and --offline is not given)
  mobius brands                          List brands
  mobius brand <id>                      Show a brand twin (colours by role, fonts, rules)
  mobius brand import <brand.json>       Add a brand from Mobius-format JSON
  mobius brand export <id> [--format mobius|tokens|css|ase] [--out <file>]
                                         Export the twin (Mobius JSON, W3C design tokens, CSS variables,
                                         Adobe Swatch Exchange; ase needs --out)
  mobius brand versions <id>             List the versions of a brand's guidelines
  mobius brand logos <id>                List the brand's logo files (id, variant, in use, where from)
  mobius brand logo add <id> <file> [--variant primary|reversed|mark]
                                         Add an SVG, PNG, JPEG, WebP or PDF logo as the variant in use
  mobius brand logo use <id> <logo-id> [--variant primary|reversed|mark]
                                         Choose the logo in use for a variant
  mobius brand logo remove <id> <logo-id>
                                         Remove a wrong logo file (each change is a new version)
  mobius brand delete <id>               Delete a brand (restorable: mobius brand restore <id>)

Audits
  mobius audit <image> --brand <id> [--offline]
                                         Audit any image against a brand: measured colour, role shares
                                         and contrast, plus Gemini's judgement when a key is set
  mobius finding dismiss <asset> <finding> [--reason incorrect_assessment|not_applicable]
  mobius finding restore <asset> <finding>
                                         Dismiss or restore one finding; the audit is re-scored

Generation (runs until approved, or until a human must review; progress on stderr)
  mobius generate --brand <id> "<prompt>" [--aspect 1:1] [--size 1K] [--idempotency-key K]
                                         Generate, audit and correct until on-brand
  mobius jobs                            List generation jobs
  mobius job <id>                        Show a job: status, score, every attempt, reviews
  mobius review <job> approve | tweak "<instruction>" | regenerate | reject
  mobius review <job> dismiss|restore <finding-id> [--reason incorrect_assessment|not_applicable]
                                         Decide on a job that needs review
  mobius resume                          Run every unfinished job to the end (what the app does at start-up)

Library and exports (--json output: docs/CLI.md)
  mobius assets [--brand <id>] [--status approved|override|needs_review|failed|rejected|not_audited|stale]
                [--search <words>] [--sort newest|oldest|score_desc|score_asc|cost_desc] [--limit N]
                                         List images (statuses combine: --status approved,override)
  mobius asset <id>                      An image's lineage, every audit and who decided
  mobius export <asset-id>… --out <dir> [--zip] [--no-provenance]
  mobius export --brand <id> [--status approved] [--since-version N] --out <dir> [--zip]
                                         Image + compliance JSON + HTML report per image, manifest.csv/json;
                                         <dir> must not exist (or be empty); nothing half-written
  mobius reaudit --brand <id> [--stale] | mobius reaudit <asset-id>…
                                         Re-audit against the current guidelines; prints what changed
  mobius template save <asset-id> [--name <name>] [--prompt "<prompt>"]
  mobius template list [--brand <id>]
  mobius template generate <template-id> "<prompt>"
                                         Reuse an approved image's prompt, format and style
  mobius costs [--brand <id>]            Spend per brand and month

Gemini API key (kept in the system keychain, never in files)
  mobius key status | set | clear        \`set\` reads the key from stdin or asks for it

Settings
  mobius settings                        Show settings
  mobius settings set <key>=<value> …    e.g. compliance_threshold=0.85 max_generation_attempts=4
  mobius settings reset [<key> …]

Options
  --data-dir <dir>   Library folder (default: MOBIUS_DATA_DIR, else the app's user-data folder)
  --json             Print results as JSON on stdout (errors as {"error": {...}})
  -h, --help         Show this help
  -v, --version      Show the version

Exit codes: 0 success, 1 failure, 2 usage error. Progress and notes go to stderr.
`;
