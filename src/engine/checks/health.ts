import { httpSchema, type HttpProbeConfig } from '../config/schema.js';
import type { CheckDefinition } from './types.js';

/**
 * The post-deploy HTTP probe (see README, section 'Post-deploy health') as a check: `with:`
 * takes exactly the keys of an `http:` gate, and the gate runs through the same probe runner,
 * so attempts, latency and failure classes are reported the same way.
 */
export const healthCheck: CheckDefinition<HttpProbeConfig> = {
  id: 'health',
  title: 'HTTP health probe',
  defaultPriority: 'P0',
  defaultStage: 'health',
  options: httpSchema,
  asHttpProbe: (options) => options,
  async run() {
    // The uses: runner hands checks with asHttpProbe to the probe runner; this is a fallback.
    return {
      passed: false,
      summary: 'The health check runs as an HTTP probe and cannot run on its own.',
      findings: [],
    };
  },
};
