import '../zod-config.js';
import { z } from 'zod';
import { GATE_ID_PATTERN } from './schema.js';

/*
 * The format of `.github/release-gates-waivers.yml` (SPEC section 10), for its editor schema,
 * schema/waivers.schema.json. Only the file format: nothing reads the file yet, and the rules
 * that need the config (`policy.max-waiver-days`, `allow-p0-waivers`, an expired waiver as a
 * finding) belong to the waivers feature, which will parse with this schema.
 */

const waiverSchema = z.strictObject({
  gate: z.string().regex(GATE_ID_PATTERN, { error: 'expected a gate id' }),
  finding: z
    .strictObject({
      rule: z.string().min(1).optional(),
      file: z.string().min(1).optional(),
    })
    .optional(),
  reason: z.string().min(20, { error: 'expected a reason of at least 20 characters' }),
  owner: z.string().min(1),
  // A pattern, not z.iso.date(): its `format: date` is not a keyword editors all know.
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected an ISO date, YYYY-MM-DD' }),
  issue: z.string().min(1).optional(),
});

export const waiversFileSchema = z.strictObject({
  waivers: z.array(waiverSchema),
});

export type RawWaiver = z.infer<typeof waiverSchema>;
