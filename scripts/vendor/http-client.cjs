// Entry for dist/http-client.cjs (scripts/bundle.mjs): @actions/http-client built on its own,
// so that the action loads it on first use (src/vendor/http-client-lazy.cjs). By file path:
// the package name is what tsconfig "paths" sends to that stand-in.
module.exports = require('../../node_modules/@actions/http-client/lib/index.js');
