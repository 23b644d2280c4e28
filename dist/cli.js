#!/usr/bin/env node
// The CLI's entry (copied to dist/cli.js by scripts/bundle.mjs). It turns on Node's compile
// cache (Node 22.1+; NODE_DISABLE_COMPILE_CACHE=1 turns it off) before the bundle loads, so
// every run after the first reuses the code V8 compiled instead of parsing the bundle again.
import module from 'node:module';

module.enableCompileCache?.();
await import('./cli/index.js');
