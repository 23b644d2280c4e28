'use strict';
/* global __non_webpack_require__, __filename */
// @actions/core imports @actions/exec when it loads, for `platform.getDetails()`, which we
// never call; with it come @actions/io and node:child_process, net, dgram and assert.
// tsconfig "paths" points the bundle's `@actions/exec` here, so it is loaded on first use,
// from dist/exec.cjs, built on its own. Unbundled (the unit tests), it is the package.
const lazyModule = require('./lazy-module.cjs');

module.exports = lazyModule(() =>
  typeof __non_webpack_require__ === 'function'
    ? __non_webpack_require__('./exec.cjs')
    : // By file: the package's exports have only an `import` condition.
      require('node:module').createRequire(__filename)(
        '../../node_modules/@actions/exec/lib/exec.js',
      ),
);
