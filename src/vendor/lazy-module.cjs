'use strict';
// A stand-in for a module that is loaded on first use: every member is looked up in the
// real module, which `load` returns (and is called once). The bundle gets these stand-ins
// through tsconfig "paths" for toolkit dependencies that are imported when the toolkit
// loads but used only by some runs (see undici-lazy.cjs and http-client-lazy.cjs).
module.exports = function lazyModule(load) {
  let real;
  const target = () => (real ??= load());
  return new Proxy(
    {},
    {
      get(_, name) {
        // Module interop probes these while importing; answering them must not load it.
        if (typeof name === 'symbol' || name === '__esModule' || name === 'then') return undefined;
        return target()[name];
      },
      has: (_, name) => name in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, name) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), name);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
};
