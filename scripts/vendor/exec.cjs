// Entry for dist/exec.cjs (scripts/bundle.mjs): @actions/exec built on its own, so that the
// action loads it on first use (src/vendor/exec-lazy.cjs). By file: the package name is what
// tsconfig "paths" sends to that stand-in.
module.exports = require('../../node_modules/@actions/exec/lib/exec.js');
