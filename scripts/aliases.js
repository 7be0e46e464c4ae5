// Resolves the `@app/<lib>` imports of the compiled code to dist/libs/<lib>/src,
// the runtime half of tsconfig's `paths` (tsc checks aliases but does not rewrite them).
const Module = require('node:module');
const path = require('node:path');

const libs = path.join(__dirname, '..', 'dist', 'libs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('@app/')) {
    const [lib, ...sub] = request.slice(5).split('/');
    request = path.join(libs, lib, 'src', ...sub);
  }
  return resolve.call(this, request, ...rest);
};
