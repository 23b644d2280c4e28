'use strict';
/* global __non_webpack_require__, __filename */
// @actions/core imports @actions/http-client when it loads, for OIDC tokens we never ask
// for; with it come node:http, https, tls, net and assert, about 30 ms of Node 24's start-up.
// tsconfig "paths" points the bundle's `@actions/http-client` here, so it is loaded on first
// use (the GitHub client's proxy support), from dist/http-client.cjs, built on its own.
// Unbundled (the unit tests), it is the package.
const lazyModule = require('./lazy-module.cjs');

module.exports = lazyModule(() =>
  typeof __non_webpack_require__ === 'function'
    ? __non_webpack_require__('./http-client.cjs')
    : // By file: the package's exports have only an `import` condition.
      require('node:module').createRequire(__filename)(
        '../../node_modules/@actions/http-client/lib/index.js',
      ),
);
