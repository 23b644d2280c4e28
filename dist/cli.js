#!/usr/bin/env node
// The CLI's entry (copied to dist/cli.js by scripts/bundle.mjs). It turns on Node's compile
// cache (Node 22.1+; NODE_DISABLE_COMPILE_CACHE=1 turns it off) before the bundle loads, so
// every run after the first reuses V8's compiled code instead of parsing 450 KB again.
import module from 'node:module';

module.enableCompileCache?.();
await import('./cli-main.js');
