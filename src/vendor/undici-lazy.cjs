'use strict';
/* global __non_webpack_require__, __filename */
// The toolkit imports undici when it loads (@actions/http-client for ProxyAgent, the
// GitHub client for fetch), though a run without a proxy, a PR comment or a check run never
// uses it. tsconfig "paths" points the bundle's `undici` here: every member is looked up in
// the real undici on first use, so its evaluation is paid only by runs that need it.
// In the bundle, undici is not inlined but built on its own into dist/undici.cjs (see
// scripts/bundle.mjs): its 445 KB are then not even parsed on a start that never uses it.
// Unbundled (the unit tests), it is the package.
let real;
const load = () =>
  (real ??=
    typeof __non_webpack_require__ === 'function'
      ? __non_webpack_require__('./undici.cjs')
      : // Through createRequire, so that webpack does not inline undici after all.
        require('node:module').createRequire(__filename)('undici/index.js'));
module.exports = new Proxy(
  {},
  {
    get(_, name) {
      // Module interop probes these while importing; answering them must not load undici.
      if (typeof name === 'symbol' || name === '__esModule' || name === 'then') return undefined;
      return load()[name];
    },
    has: (_, name) => name in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, name) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), name);
      return descriptor && { ...descriptor, configurable: true };
    },
  },
);
