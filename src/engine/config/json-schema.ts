import { toJSONSchema, type z } from 'zod';
import { configSchema, GATE_KINDS, presetSchema } from './schema.js';
import { CONFIG_DOCS, PRESET_DOCS, WAIVERS_DOCS, type FieldDoc } from './schema-docs.js';
import { waiversFileSchema } from './waivers-schema.js';

// Apart from schema.ts: zod's JSON Schema generator is only needed by `release-gates schema`
// and the build, so runs and plans do not load it.

/*
 * The editor schemas in schema/: JSON Schema draft-07 (what editors and SchemaStore read),
 * valid in ajv's strict mode once `markdownDescription` (VS Code's and yaml-language-server's
 * Markdown hover text) is declared as a keyword. Each `$id` is the raw URL the file is served
 * from, so a `$schema=` modeline or a SchemaStore entry can point at it.
 */

export const SCHEMA_BASE_URL =
  'https://raw.githubusercontent.com/coffeestudio/release-gates/v1/schema/';

/** What the schemas list as allowed values; passed in, so config/ imports nothing above it. */
export interface SchemaCatalogue {
  /** The ids `uses:` may name (the check catalogue). */
  checks: readonly string[];
  /** The names `extends:` may name (checks/presets/). */
  presets: readonly string[];
}

type JsonSchema = Record<string, unknown>;

/** The JSON Schema that ships in schema/release-gates.schema.json. */
export function configJsonSchema(catalogue: SchemaCatalogue): JsonSchema {
  const schema = generate(configSchema, CONFIG_DOCS);
  const properties = schema.properties as Record<string, JsonSchema>;
  restrictExtends(properties, catalogue);
  restrictGates(properties, catalogue);
  return {
    $schema: schema.$schema,
    $id: `${SCHEMA_BASE_URL}release-gates.schema.json`,
    title: 'release-gates config v1',
    description: 'The .github/release-gates.yml file read by coffeestudio/release-gates.',
    ...withoutSchemaKey(schema),
    // A config lists its own gates, or extends presets that bring them (or both).
    anyOf: [requires('gates'), requires('extends')],
  };
}

/** schema/preset.schema.json: a preset, checks/presets/<name>.yml. */
export function presetJsonSchema(catalogue: SchemaCatalogue): JsonSchema {
  const schema = generate(presetSchema, PRESET_DOCS);
  const properties = schema.properties as Record<string, JsonSchema>;
  restrictExtends(properties, catalogue);
  restrictGates(properties, catalogue);
  return {
    $schema: schema.$schema,
    $id: `${SCHEMA_BASE_URL}preset.schema.json`,
    title: 'release-gates preset',
    description:
      'A preset of coffeestudio/release-gates (checks/presets/<name>.yml): gates, and optionally policy, defaults and redact, that a config pulls in with `extends`.',
    ...withoutSchemaKey(schema),
  };
}

/** schema/waivers.schema.json: the format of .github/release-gates-waivers.yml. */
export function waiversJsonSchema(): JsonSchema {
  const schema = generate(waiversFileSchema, WAIVERS_DOCS);
  return {
    $schema: schema.$schema,
    $id: `${SCHEMA_BASE_URL}waivers.schema.json`,
    title: 'release-gates waivers',
    description:
      'The .github/release-gates-waivers.yml file of coffeestudio/release-gates: documented exceptions to failed gates.',
    ...withoutSchemaKey(schema),
  };
}

function generate(schema: z.ZodType, docs: Readonly<Record<string, FieldDoc>>): JsonSchema {
  const generated = toJSONSchema(schema, { target: 'draft-07', io: 'input' }) as JsonSchema;
  const unused = new Set(Object.keys(docs));
  splitUnionTypes(generated);
  applyDocs(generated, '', docs, unused);
  // A doc for a field that no longer exists is a mistake, not a no-op.
  if (unused.size > 0) throw new Error(`schema docs for unknown fields: ${[...unused].join(', ')}`);
  return generated;
}

/** Walks properties, list items and map values, giving each documented field its text. */
function applyDocs(
  node: JsonSchema,
  path: string,
  docs: Readonly<Record<string, FieldDoc>>,
  unused: Set<string>,
): void {
  const doc = docs[path];
  if (path !== '' && doc) {
    unused.delete(path);
    const rest = { ...node };
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, {
      description: plainText(doc.md),
      markdownDescription: doc.md,
      ...rest,
      ...(doc.default !== undefined ? { default: doc.default } : {}),
      ...(doc.examples !== undefined ? { examples: doc.examples } : {}),
    });
  }
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) {
    applyDocs(child, path === '' ? key : `${path}.${key}`, docs, unused);
  }
  if (isSchema(node.items)) applyDocs(node.items, `${path}[]`, docs, unused);
  if (isSchema(node.additionalProperties)) {
    applyDocs(node.additionalProperties, `${path}.*`, docs, unused);
  }
}

/**
 * `type: [string, number]` as `anyOf` of one type each: ajv's strict mode (strictTypes) refuses
 * union types, and the two say the same.
 */
function splitUnionTypes(node: JsonSchema): void {
  if (Array.isArray(node.type)) {
    node.anyOf = (node.type as string[]).map((type) => ({ type }));
    delete node.type;
  }
  for (const key of ['properties', 'patternProperties', 'definitions', '$defs'] as const) {
    const children = node[key];
    if (isSchema(children)) for (const child of Object.values(children)) visit(child);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'not'] as const) {
    visit(node[key]);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) branches.forEach(visit);
  }
  function visit(child: unknown) {
    if (isSchema(child)) splitUnionTypes(child);
  }
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The plain-text description of a Markdown one: code spans lose their backticks. */
const plainText = (markdown: string) => markdown.replace(/`([^`]*)`/g, '$1');

function withoutSchemaKey(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  delete rest.$schema;
  return rest;
}

/**
 * A branch of anyOf/oneOf that holds when `key` is present. It names the property too: ajv's
 * strict mode (strictRequired) refuses a `required` key its own schema object does not define.
 */
const requires = (key: string): JsonSchema => ({ properties: { [key]: true }, required: [key] });

/** `extends:` names a known preset. */
function restrictExtends(properties: Record<string, JsonSchema>, catalogue: SchemaCatalogue) {
  const items = properties.extends?.items as JsonSchema | undefined;
  if (items) items.enum = [...catalogue.presets];
}

/** Each gate has exactly one kind, and `uses:` names a check of the catalogue. */
function restrictGates(properties: Record<string, JsonSchema>, catalogue: SchemaCatalogue) {
  const gate = properties.gates?.items as JsonSchema | undefined;
  if (!gate) return;
  gate.oneOf = GATE_KINDS.map(requires);
  const uses = (gate.properties as Record<string, JsonSchema>).uses;
  if (uses) uses.enum = [...catalogue.checks];
}
