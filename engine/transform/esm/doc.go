// Package esm turns ES modules, and CommonJS files that use syntax goja
// lacks, into plain scripts that the transform package can instrument. It
// uses esbuild's Transform API and is kept apart from its parent package so
// that the browser can load esbuild only when a program needs it.
//
// esbuild lowers `for await` and async generators (target ES2017 for those
// two features only) and prints a normalized module. Top-level await is kept
// as a real await inside an async module function, because the number of
// microtask turns a module takes must match Node's; esbuild refuses top-level
// await when it writes CommonJS, which is why this package rewrites the
// import and export statements itself. It lets goja's parser find them, so
// the word `import` in a string or a template literal is never touched, and
// it turns every use of an imported binding into a read of the namespace
// object, which makes imports live bindings; names that a nested scope
// declares again are left alone. Lines are kept, and esbuild's source map
// goes inline so that goja reports the user's lines.
//
// What it leaves out: import attributes are ignored; an `export *` name
// offered by two modules goes to the first instead of being ambiguous;
// assigning to an import is a write to the namespace object (the host's
// namespace decides whether it throws); esbuild renames an anonymous
// `export default function` (its .name is not "default"); esbuild's lowered
// async generators and for-await take more microtask turns than native ones;
// columns on rewritten lines may be off by the length of the rewrite.
package esm
