import { toJSONSchema } from 'zod';
import { configSchema } from './schema.js';

// Apart from schema.ts: zod's JSON Schema generator is only needed by `release-gates schema`
// and the build, so runs and plans do not load it.

/** The JSON Schema that ships in schema/release-gates.schema.json. */
export function configJsonSchema(): Record<string, unknown> {
  const generated = toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    ...generated,
    // A config lists its own gates, or extends presets that bring them (or both).
    anyOf: [{ required: ['gates'] }, { required: ['extends'] }],
    $id: 'https://github.com/coffeestudio/release-gates/blob/v1/schema/release-gates.schema.json',
    title: 'release-gates config v1',
    description: 'The .github/release-gates.yml file read by coffeestudio/release-gates.',
  };
}
