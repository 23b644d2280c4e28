// Types of source-hash.mjs, for the tests that import it.
export declare const SOURCE_HASH_FILE: string;
export declare const STALE_DIST_MESSAGE: string;
export declare const SOURCE_INPUTS: readonly string[];
export declare function sourceFiles(root: string): string[];
export declare function sourceHash(root: string): string;
export declare function bundledSourceHash(root: string): string | undefined;
export declare function writeSourceHash(root: string): void;
