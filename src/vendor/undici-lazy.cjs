'use strict';
// The toolkit imports undici when it loads (@actions/http-client for ProxyAgent, the
// GitHub client for fetch), though a run without a proxy, a PR comment or a check run never
// uses it. tsconfig "paths" points the bundle's `undici` here: every member is looked up in
// the real undici on first use, so its ~90 ms of evaluation is paid only by runs that need it.
let real;
const load = () => (real ??= require('undici/index.js'));
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
