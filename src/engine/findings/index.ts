export { FindingParser, parseFindings } from './parser.js';
export type { FindingParserOptions, FindingResult } from './parser.js';
export { MAX_FINDINGS_PER_GATE } from './types.js';
export type { ToolFinding } from './types.js';
