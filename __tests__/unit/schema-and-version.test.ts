import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { config as zodConfig } from 'zod';
import { BUILTIN_CATALOGUE } from '../../src/engine/checks/builtin.js';
import { configJsonSchema } from '../../src/engine/config/json-schema.js';
import { presetNames } from '../../src/engine/presets/index.js';
import { VERSION } from '../../src/version.js';

const catalogue = { checks: BUILTIN_CATALOGUE.ids(), presets: presetNames() };

const root = new URL('../../', import.meta.url);

describe('zod set-up', () => {
  it('importing the schemas switches zod to jitless', () => {
    // Compiling every object schema with new Function is start-up cost for a one-shot run.
    expect(zodConfig().jitless).toBe(true);
  });
});

describe('committed artefacts', () => {
  it('schema/release-gates.schema.json equals the schema generated from the zod config', () => {
    const committed = JSON.parse(
      readFileSync(new URL('schema/release-gates.schema.json', root), 'utf8'),
    );
    expect(committed).toEqual(configJsonSchema(catalogue));
  });

  it('the JSON Schema rejects unknown keys and knows every stage', () => {
    const schema = configJsonSchema(catalogue) as {
      additionalProperties: boolean;
      properties: { gates: { items: { properties: { stage: { enum: string[] } } } } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.gates.items.properties.stage.enum).toEqual([
      'lint',
      'typecheck',
      'test',
      'security',
      'build',
      'image',
      'deploy',
      'health',
    ]);
  });

  it('src/version.ts matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });

  it('action.yml runs the bundle on node24', () => {
    const action = readFileSync(new URL('action.yml', root), 'utf8');
    expect(action).toMatch(/using: 'node24'/);
    expect(action).toMatch(/main: 'dist\/index.js'/);
  });
});
