'use strict';
/* global __non_webpack_require__, __filename */
// The toolkit imports undici when it loads (@actions/http-client for ProxyAgent, the
// GitHub client for fetch), though a run without a proxy, a PR comment or a check run never
// uses it. tsconfig "paths" points the bundle's `undici` here, so it is loaded on first use.
// In the bundle, undici is not inlined but built on its own into dist/undici.cjs (see
// scripts/bundle.mjs): its 445 KB are then not even parsed on a start that never uses it.
// Unbundled (the unit tests), it is the package, through createRequire so that webpack
// does not inline it after all.
const lazyModule = require('./lazy-module.cjs');

module.exports = lazyModule(() =>
  typeof __non_webpack_require__ === 'function'
    ? __non_webpack_require__('./undici.cjs')
    : require('node:module').createRequire(__filename)('undici/index.js'),
);
