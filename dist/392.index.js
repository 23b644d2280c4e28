import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
export const id = 392;
export const ids = [392];
export const modules = {

/***/ 6392:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {


/* global __non_webpack_require__, __filename */
// The toolkit imports undici when it loads (@actions/http-client for ProxyAgent, the
// GitHub client for fetch), though a run without a proxy, a PR comment or a check run never
// uses it. tsconfig "paths" points the bundle's `undici` here, so it is loaded on first use.
// In the bundle, undici is not inlined but built on its own into dist/undici.cjs (see
// scripts/bundle.mjs): its 445 KB are then not even parsed on a start that never uses it.
// Unbundled (the unit tests), it is the package, through createRequire so that webpack
// does not inline it after all.
const lazyModule = __webpack_require__(3148);

module.exports = lazyModule(() =>
  typeof __WEBPACK_EXTERNAL_createRequire(import.meta.url) === 'function'
    ? __WEBPACK_EXTERNAL_createRequire(import.meta.url)('./undici.cjs')
    : (__webpack_require__(8995).createRequire)(__filename)('undici/index.js'),
);


/***/ })

};
