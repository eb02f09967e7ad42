'use strict';
// module: the CommonJS loader and the resolution both loaders share, after Node 20's
// lib/internal/modules/cjs/loader.js and lib/internal/modules/esm/resolve.js (MIT, see
// NOTICE); kept to what a program can observe. The Go side (host_module.go) reads the
// simulated file system, compiles module bodies and runs ES modules; it calls back through
// the hooks handed to setHooks at the end of this file.

const path = require('path');
const { makeNodeError } = require('internal/errors');
const binding = internalBinding('module');

const kParent = Symbol('kModuleParent');
const kIsMain = Symbol('kIsMainSymbol');

function setOwn(obj, key, value) {
  Object.defineProperty(obj, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}

// Mirrors function Module(id, parent) in lib/internal/modules/cjs/loader.js.
function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  setOwn(this, 'exports', {});
  this[kParent] = parent;
  updateChildren(parent, this, false);
  this.filename = null;
  this.loaded = false;
  this.children = [];
}

Object.defineProperty(Module.prototype, 'parent', {
  __proto__: null,
  get() { return this[kParent]; },
  set(value) { this[kParent] = value; },
  enumerable: false, configurable: true,
});

function updateChildren(parent, child, scan) {
  const children = parent && parent.children;
  if (children && !(scan && children.includes(child))) children.push(child);
}

Module._cache = { __proto__: null };
Module._pathCache = { __proto__: null };
Module._extensions = { __proto__: null };
Module.globalPaths = [];
Module.builtinModules = binding.builtins();
Module.Module = Module;
Module.wrapper = [
  '(function (exports, require, module, __filename, __dirname) { ',
  '\n});',
];
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];

// Mirrors Module._initPaths: the global folders after every node_modules.
Module._initPaths = function() {
  const home = process.env.HOME;
  const paths = [path.resolve(process.execPath, '..', '..', 'lib', 'node')];
  if (home) paths.unshift(path.resolve(home, '.node_libraries'), path.resolve(home, '.node_modules'));
  Module.globalPaths = paths.slice();
};
Module._initPaths();

Module.isBuiltin = function isBuiltin(name) {
  return typeof name === 'string' && (Module.builtinModules.includes(name.startsWith('node:') ? name.slice(5) : name) ||
    (name.startsWith('node:') && isSchemeOnly(name.slice(5))));
};

// isSchemeOnly tells the built-ins that exist only with the node: scheme, as in Node 20, of
// those the simulation has.
const isSchemeOnly = (id) => ['test', 'test/reporters', 'sea'].includes(id) && binding.exists(id);

function builtinName(request) {
  if (request.startsWith('node:')) {
    const id = request.slice(5);
    if (Module.builtinModules.includes(id) || isSchemeOnly(id)) return id;
    throw makeNodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${request}`);
  }
  return Module.builtinModules.includes(request) ? request : null;
}

// Mirrors Module._nodeModulePaths for POSIX paths.
Module._nodeModulePaths = function(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  const parts = from.split('/');
  for (let i = parts.length; i > 1; i--) {
    if (parts[i - 1] !== 'node_modules') paths.push(parts.slice(0, i).join('/') + '/node_modules');
  }
  paths.push('/node_modules');
  return paths;
};

function isRelative(request) {
  return request === '.' || request === '..' || request.startsWith('./') || request.startsWith('../');
}

// Mirrors Module._resolveLookupPaths.
Module._resolveLookupPaths = function(request, parent) {
  if (builtinName(request) !== null) return null;
  if (!isRelative(request)) {
    const paths = parent && parent.paths && parent.paths.length ?
      parent.paths.concat(Module.globalPaths) : Module.globalPaths.slice();
    return paths.length > 0 ? paths : null;
  }
  if (!parent || !parent.id || !parent.filename) return ['.'];
  return [path.dirname(parent.filename)];
};

// --- package.json ---

const packageCache = new Map();

// readPackage mirrors packageJsonReader.read: the parsed package.json in dir, or undefined.
function readPackage(dir) {
  const file = path.resolve(dir, 'package.json');
  if (packageCache.has(file)) return packageCache.get(file);
  const text = binding.readFile(file);
  let data;
  if (text !== undefined) {
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw makeNodeError(Error, 'ERR_INVALID_PACKAGE_CONFIG', `Invalid package config ${file}.`);
    }
    if (data === null || typeof data !== 'object') data = {};
  }
  packageCache.set(file, data);
  return data;
}

// readPackageScope mirrors packageJsonReader.readPackageScope: the nearest package.json at or
// above file's folder, stopping at a node_modules folder.
function readPackageScope(file) {
  let dir = path.dirname(file);
  for (;;) {
    if (path.basename(dir) === 'node_modules') return false;
    const data = readPackage(dir);
    if (data !== undefined) return { data, path: dir };
    if (dir === '/') return false;
    dir = path.dirname(dir);
  }
}

// --- exports and imports (lib/internal/modules/esm/resolve.js) ---

function exportsNotFound(subpath, pkgDir, base) {
  const where = path.join(pkgDir, 'package.json');
  const from = base ? ` imported from ${base}` : '';
  const msg = subpath === '.' ? `No "exports" main defined in ${where}${from}` :
    `Package subpath '${subpath}' is not defined by "exports" in ${where}${from}`;
  return makeNodeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', msg);
}

function invalidTarget(pkgDir, key, target, internal, base) {
  const where = path.join(pkgDir, 'package.json');
  const from = base ? ` imported from ${base}` : '';
  const shown = JSON.stringify(target);
  const msg = key === '.' && !internal ? `Invalid "exports" main target ${shown} defined in the package config ${where}${from}` :
    `Invalid "${internal ? 'imports' : 'exports'}" target ${shown} defined for '${key}' in the package config ${where}${from}`;
  return makeNodeError(Error, 'ERR_INVALID_PACKAGE_TARGET', msg);
}

// Mirrors resolvePackageTargetString; the result is a path, or a bare specifier resolved again.
function resolveTargetString(pkgDir, target, subpath, key, base, pattern, internal, conditions, resolveBare) {
  if (!pattern && subpath !== '' && !target.endsWith('/')) throw invalidTarget(pkgDir, key, target, internal, base);
  if (!target.startsWith('./')) {
    if (internal && !target.startsWith('../') && !target.startsWith('/')) {
      return resolveBare(pattern ? target.replace(/\*/g, subpath) : target + subpath, path.join(pkgDir, 'package.json'), conditions);
    }
    throw invalidTarget(pkgDir, key, target, internal, base);
  }
  if (/(^|[\\/])(\.\.?|node_modules)([\\/]|$)/i.test(target.slice(2))) throw invalidTarget(pkgDir, key, target, internal, base);
  const resolved = path.join(pkgDir, target);
  if (subpath === '') return resolved;
  return pattern ? path.join(pkgDir, target.replace(/\*/g, subpath)) : resolved + subpath;
}

// Mirrors resolvePackageTarget: undefined when no condition matched, null when excluded.
function resolveTarget(pkgDir, target, subpath, key, base, pattern, internal, conditions, resolveBare) {
  if (typeof target === 'string') {
    return resolveTargetString(pkgDir, target, subpath, key, base, pattern, internal, conditions, resolveBare);
  }
  if (Array.isArray(target)) {
    let lastError;
    for (const t of target) {
      let resolved;
      try {
        resolved = resolveTarget(pkgDir, t, subpath, key, base, pattern, internal, conditions, resolveBare);
      } catch (err) {
        lastError = err;
        if (err.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw err;
      }
      if (resolved === undefined) continue;
      if (resolved === null) { lastError = null; continue; }
      return resolved;
    }
    if (lastError == null) return lastError;
    throw lastError;
  }
  if (target !== null && typeof target === 'object') {
    for (const k of Object.keys(target)) {
      if (k === 'default' || conditions.includes(k)) {
        const resolved = resolveTarget(pkgDir, target[k], subpath, key, base, pattern, internal, conditions, resolveBare);
        if (resolved !== undefined) return resolved;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidTarget(pkgDir, key, target, internal, base);
}

// Mirrors patternKeyCompare: the more specific pattern sorts first.
function patternKeyCompare(a, b) {
  const ai = a.indexOf('*');
  const bi = b.indexOf('*');
  const baseA = ai === -1 ? a.length : ai + 1;
  const baseB = bi === -1 ? b.length : bi + 1;
  if (baseA > baseB) return -1;
  if (baseB > baseA) return 1;
  if (ai === -1) return 1;
  if (bi === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

// resolveMap looks name up in an "exports" or "imports" map, exact keys first, then patterns.
function resolveMap(map, name, pkgDir, base, internal, conditions, resolveBare) {
  if (Object.prototype.hasOwnProperty.call(map, name) && !name.includes('*') && !name.endsWith('/')) {
    return resolveTarget(pkgDir, map[name], '', name, base, false, internal, conditions, resolveBare);
  }
  let best = '';
  let bestSubpath;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star === -1 || !name.startsWith(key.slice(0, star))) continue;
    const trailer = key.slice(star + 1);
    if (name.length >= key.length && name.endsWith(trailer) && patternKeyCompare(best, key) === 1 && key.lastIndexOf('*') === star) {
      best = key;
      bestSubpath = name.slice(star, name.length - trailer.length);
    }
  }
  if (!best) return undefined;
  return resolveTarget(pkgDir, map[best], bestSubpath, best, base, true, internal, conditions, resolveBare);
}

function isConditionalSugar(exports, pkgDir) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (exports === null || typeof exports !== 'object') return false;
  const keys = Object.keys(exports);
  let dots = 0;
  for (const k of keys) if (k === '' || k[0] === '.') dots++;
  if (dots !== 0 && dots !== keys.length) {
    throw makeNodeError(Error, 'ERR_INVALID_PACKAGE_CONFIG', `Invalid package config ${path.join(pkgDir, 'package.json')}. "exports" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.`);
  }
  return dots === 0;
}

// Mirrors packageExportsResolve.
function packageExportsResolve(pkgDir, subpath, pkg, base, conditions, resolveBare) {
  let exports = pkg.exports;
  if (isConditionalSugar(exports, pkgDir)) exports = { '.': exports };
  const resolved = resolveMap(exports, subpath, pkgDir, base, false, conditions, resolveBare);
  if (resolved == null) throw exportsNotFound(subpath, pkgDir, base);
  return resolved;
}

// Mirrors packageImportsResolve.
function packageImportsResolve(name, base, conditions, resolveBare) {
  if (name === '#' || name.startsWith('#/') || name.endsWith('/')) {
    throw makeNodeError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${name}" is not a valid internal imports specifier name imported from ${base}`);
  }
  const scope = readPackageScope(base);
  if (scope && scope.data.imports != null && typeof scope.data.imports === 'object') {
    const resolved = resolveMap(scope.data.imports, name, scope.path, base, true, conditions, resolveBare);
    if (resolved != null) return resolved;
  }
  const where = scope ? ` in package ${path.join(scope.path, 'package.json')}` : '';
  throw makeNodeError(TypeError, 'ERR_PACKAGE_IMPORT_NOT_DEFINED', `Package import specifier "${name}" is not defined${where} imported from ${base}`);
}

// --- CommonJS resolution ---

const cjsConditions = ['require', 'node', 'node-addons', 'module-sync'];

function tryFile(file) {
  return binding.stat(file) === 0 ? file : false;
}

function tryExtensions(base, exts) {
  for (const ext of exts) {
    const file = tryFile(base + ext);
    if (file) return file;
  }
  return false;
}

// Mirrors tryPackage: a folder's package.json main, then its index.
function tryPackage(dir, exts, isMain, request) {
  const pkg = readPackage(dir);
  const main = pkg && typeof pkg.main === 'string' ? pkg.main : '';
  if (!main) return tryExtensions(path.resolve(dir, 'index'), exts);
  const file = path.resolve(dir, main);
  const found = tryFile(file) || tryExtensions(file, exts) || tryExtensions(path.resolve(file, 'index'), exts) ||
    tryExtensions(path.resolve(dir, 'index'), exts);
  if (found) return found;
  const err = new Error(`Cannot find module '${file}'. Please verify that the package.json has a valid "main" entry`);
  err.code = 'MODULE_NOT_FOUND';
  err.path = path.resolve(dir, 'package.json');
  err.requestPath = request;
  throw err;
}

// Mirrors finalizeEsmResolution for require: the target of "exports" or "imports" must exist.
function finalizeCjs(file, pkgDir) {
  if (/%2f|%5c/i.test(file)) {
    throw makeNodeError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${file}" must not include encoded "/" or "\\" characters`);
  }
  if (tryFile(file)) return file;
  const err = new Error(`Cannot find module '${file}'`);
  err.code = 'MODULE_NOT_FOUND';
  err.path = path.resolve(pkgDir, 'package.json');
  throw err;
}

// requireBare resolves a bare specifier an "imports" target names, as require would.
function requireBare(specifier, fromPackageJson) {
  const fake = new Module(fromPackageJson, null);
  fake.filename = fromPackageJson;
  fake.paths = Module._nodeModulePaths(path.dirname(fromPackageJson));
  return Module._resolveFilename(specifier, fake, false);
}

// Mirrors resolveExports: a package's "exports" under a node_modules folder.
function resolveExports(nmPath, request) {
  const m = /^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/.exec(request);
  if (!m) return undefined;
  const pkgDir = path.resolve(nmPath, m[1]);
  const pkg = readPackage(pkgDir);
  if (pkg && pkg.exports != null) {
    return finalizeCjs(packageExportsResolve(pkgDir, '.' + (m[2] || ''), pkg, null, cjsConditions, requireBare), pkgDir);
  }
  return undefined;
}

// Mirrors trySelf: a package requiring itself by its name through its "exports".
function trySelf(parentPath, request) {
  if (!parentPath) return false;
  const scope = readPackageScope(parentPath);
  if (!scope || scope.data.exports == null || typeof scope.data.name !== 'string') return false;
  const name = scope.data.name;
  let expansion;
  if (request === name) expansion = '.';
  else if (request.startsWith(name + '/')) expansion = '.' + request.slice(name.length);
  else return false;
  return finalizeCjs(packageExportsResolve(scope.path, expansion, scope.data, parentPath, cjsConditions, requireBare), scope.path);
}

const cjsExtensions = () => Object.keys(Module._extensions);

// Mirrors Module._findPath.
Module._findPath = function(request, paths, isMain) {
  const absolute = path.isAbsolute(request);
  if (absolute) paths = [''];
  else if (!paths || paths.length === 0) return false;
  const key = request + '\x00' + paths.join('\x00');
  if (Module._pathCache[key]) return Module._pathCache[key];
  const trailingSlash = request.length > 0 && (request.endsWith('/') || request === '.' || request === '..' ||
    request.endsWith('/.') || request.endsWith('/..'));
  for (const curPath of paths) {
    if (curPath && binding.stat(curPath) < 1) continue;
    if (!absolute) {
      const exported = resolveExports(curPath, request);
      if (exported) return exported;
    }
    const base = path.resolve(curPath, request);
    const rc = binding.stat(base);
    let filename;
    if (!trailingSlash) {
      if (rc === 0) filename = base;
      if (!filename) filename = tryExtensions(base, cjsExtensions());
    }
    if (!filename && rc === 1) filename = tryPackage(base, cjsExtensions(), isMain, request);
    if (filename) {
      Module._pathCache[key] = filename;
      return filename;
    }
  }
  return false;
};

function moduleNotFound(request, parent) {
  const requireStack = [];
  for (let cursor = parent; cursor; cursor = cursor[kParent]) requireStack.push(cursor.filename || cursor.id);
  let message = `Cannot find module '${request}'`;
  if (requireStack.length > 0) message += '\nRequire stack:\n- ' + requireStack.join('\n- ');
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = requireStack;
  return err;
}

// Mirrors Module._resolveFilename.
Module._resolveFilename = function(request, parent, isMain, options) {
  if (builtinName(request) !== null) return request;
  let paths;
  if (options && options.paths) {
    if (!Array.isArray(options.paths)) {
      throw makeNodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.paths' is invalid. Received ${require('util').inspect(options.paths)}`);
    }
    paths = [];
    const fake = new Module('', null);
    for (const p of options.paths) {
      fake.paths = Module._nodeModulePaths(p);
      for (const lookup of Module._resolveLookupPaths(request, fake) || []) {
        if (!paths.includes(lookup)) paths.push(lookup);
      }
      if (isRelative(request)) paths.push(path.resolve(p)); // a relative request resolves from each path itself
    }
    if (isRelative(request)) paths = paths.filter((p) => p !== '.');
  } else {
    paths = Module._resolveLookupPaths(request, parent);
  }
  const parentPath = parent && (parent.filename || (parent.id === '<repl>' ? path.join(process.cwd(), '<repl>') : ''));
  if (request[0] === '#' && parentPath) {
    const scope = readPackageScope(parentPath);
    if (scope && scope.data.imports != null) {
      return finalizeCjs(packageImportsResolve(request, parentPath, cjsConditions, requireBare), scope.path);
    }
  }
  const self = trySelf(parentPath, request);
  if (self) return self;
  const filename = Module._findPath(request, paths, isMain);
  if (filename) return filename;
  throw moduleNotFound(request, parent);
};

// --- loading ---

// Mirrors Module._load.
Module._load = function(request, parent, isMain) {
  const builtin = builtinName(request);
  if (builtin !== null) return binding.loadBuiltin(builtin);
  const filename = Module._resolveFilename(request, parent, isMain);
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    updateChildren(parent, cached, true);
    return cached.exports;
  }
  const module = new Module(filename, parent);
  if (isMain) {
    setOwn(process, 'mainModule', module);
    module.id = '.';
    module[kIsMain] = true;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) {
      delete Module._cache[filename];
      const children = parent && parent.children;
      if (Array.isArray(children)) {
        const i = children.indexOf(module);
        if (i !== -1) children.splice(i, 1);
      }
    }
  }
  return module.exports;
};

// findLongestRegisteredExtension mirrors the helper of the same name: ".test.js" before ".js".
function findLongestRegisteredExtension(filename) {
  const name = path.basename(filename);
  let index = 0;
  let dot;
  while ((dot = name.indexOf('.', index)) !== -1) {
    index = dot + 1;
    if (dot === 0) continue;
    const ext = name.slice(dot);
    if (Module._extensions[ext]) return ext;
  }
  return '.js';
}

Module.prototype.load = function(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._extensions[findLongestRegisteredExtension(filename)](this, filename);
  this.loaded = true;
};

Module.prototype.require = function(id) {
  if (typeof id !== 'string') {
    throw makeNodeError(TypeError, 'ERR_INVALID_ARG_TYPE', require('internal/errors').invalidArgTypeMessage('id', 'of type string', id));
  }
  if (id === '') {
    throw makeNodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
  }
  return Module._load(id, this, false);
};

// Mirrors Module.prototype._compile: the body runs inside the wrapper with this = exports.
Module.prototype._compile = function(content, filename) {
  const fn = binding.compile(filename, content);
  const dirname = path.dirname(filename);
  const req = makeRequireFunction(this);
  return fn.call(this.exports, this.exports, req, this, filename, dirname, binding.importer(filename));
};

function readSource(filename) {
  const content = binding.readFile(filename);
  if (content === undefined) {
    return require('fs').readFileSync(filename, 'utf8'); // throws the fs error Node shows
  }
  return content;
}

// format mirrors how Node 20.19 picks a file's format: .mjs and .js in a "type": "module"
// scope are ES modules, .cjs CommonJS, and a .js without a type is detected from its syntax.
function formatOf(filename, content) {
  if (filename.endsWith('.mjs')) return 'module';
  if (filename.endsWith('.cjs')) return 'commonjs';
  if (filename.endsWith('.json')) return 'json';
  if (!filename.endsWith('.js')) return 'commonjs';
  const scope = readPackageScope(filename);
  const type = scope && scope.data.type;
  if (type === 'module') return 'module';
  if (type === 'commonjs') return 'commonjs';
  return binding.isModuleSyntax(filename, content === undefined ? readSource(filename) : content) ? 'module' : 'commonjs';
}

Module._extensions['.js'] = function(module, filename) {
  const content = readSource(filename);
  if (formatOf(filename, content) === 'module') {
    setOwn(module, 'exports', binding.requireESM(filename));
    return;
  }
  module._compile(content, filename);
};

Module._extensions['.json'] = function(module, filename) {
  const content = readSource(filename);
  try {
    setOwn(module, 'exports', JSON.parse(content.charCodeAt(0) === 0xFEFF ? content.slice(1) : content));
  } catch (err) {
    err.message = filename + ': ' + err.message;
    throw err;
  }
};

Module._extensions['.node'] = function(module, filename) {
  const err = new Error(`${filename}: native addons cannot load in the simulation`);
  err.code = 'ERR_DLOPEN_FAILED';
  throw err;
};

// Mirrors makeRequireFunction in lib/internal/modules/helpers.js.
function makeRequireFunction(mod) {
  const require = function require(id) { return mod.require(id); };
  function resolve(request, options) {
    if (typeof request !== 'string') {
      throw makeNodeError(TypeError, 'ERR_INVALID_ARG_TYPE', require('internal/errors').invalidArgTypeMessage('request', 'of type string', request));
    }
    return Module._resolveFilename(request, mod, false, options);
  }
  require.resolve = resolve;
  function paths(request) {
    if (typeof request !== 'string') {
      throw makeNodeError(TypeError, 'ERR_INVALID_ARG_TYPE', require('internal/errors').invalidArgTypeMessage('request', 'of type string', request));
    }
    return Module._resolveLookupPaths(request, mod);
  }
  resolve.paths = paths;
  setOwn(require, 'main', process.mainModule);
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

// Mirrors Module.createRequire: a require that resolves as a module at filename would.
Module.createRequire = function createRequire(filename) {
  let file = filename;
  if (typeof filename === 'object' && filename !== null && typeof filename.href === 'string') file = filename.href;
  if (typeof file === 'string' && file.startsWith('file:')) {
    file = require('url').fileURLToPath(file);
  } else if (typeof file !== 'string' || !path.isAbsolute(file)) {
    throw makeNodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${require('util').inspect(filename)}`);
  }
  const trailingSlash = file.endsWith('/');
  const proxyPath = trailingSlash ? path.join(file, 'noop.js') : file;
  const m = new Module(proxyPath);
  m.filename = proxyPath;
  m.paths = Module._nodeModulePaths(m.path);
  return makeRequireFunction(m);
};

Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};
Module.findSourceMap = function findSourceMap() { return undefined; };
Module.register = function register() {};
Module.runMain = function runMain(main = process.argv[1]) { return Module._load(main, null, true); };

// --- ES module resolution (lib/internal/modules/esm/resolve.js) ---

const esmConditions = ['node', 'import', 'module-sync', 'node-addons'];

function esmNotFound(what, base, url) {
  const err = makeNodeError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find ${what} imported from ${base}`);
  if (url !== undefined) err.url = url;
  return err;
}

// Mirrors finalizeResolution: the file must exist and must not be a folder.
function finalizeEsm(file, base) {
  const rc = binding.stat(file.endsWith('/') ? file.slice(0, -1) : file);
  if (rc === 1) {
    const err = makeNodeError(Error, 'ERR_UNSUPPORTED_DIR_IMPORT', `Directory import '${file}' is not supported resolving ES modules imported from ${base}`);
    err.url = 'file://' + file;
    throw err;
  }
  if (rc !== 0) throw esmNotFound(`module '${file}'`, base, 'file://' + file);
  return file;
}

// Mirrors packageResolve: a bare specifier through node_modules and "exports".
function esmPackageResolve(specifier, base, conditions) {
  const m = /^((?:@[^/\\%]+\/)?[^/\\%]+)(\/.*)?$/.exec(specifier);
  if (!m || specifier.startsWith('.') || (specifier[0] === '@' && !specifier.includes('/'))) {
    throw makeNodeError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${specifier}" is not a valid package name imported from ${base}`);
  }
  const [, name, rest = ''] = m;
  const subpath = '.' + rest;
  const self = readPackageScope(base);
  if (self && self.data.name === name && self.data.exports != null) {
    return packageExportsResolve(self.path, subpath, self.data, base, conditions, esmBare);
  }
  for (const nm of Module._nodeModulePaths(path.dirname(base))) {
    const pkgDir = path.join(nm, name);
    if (binding.stat(pkgDir) !== 1) continue;
    const pkg = readPackage(pkgDir);
    if (pkg && pkg.exports != null) return packageExportsResolve(pkgDir, subpath, pkg, base, conditions, esmBare);
    if (subpath === '.') return legacyMainResolve(pkgDir, pkg, base);
    return path.join(pkgDir, rest);
  }
  throw esmNotFound(`package '${name}'`, base);
}

// Mirrors legacyMainResolve: "main" with CommonJS's guesses, then index.js.
function legacyMainResolve(pkgDir, pkg, base) {
  const main = pkg && typeof pkg.main === 'string' ? pkg.main : '';
  const guesses = main ? [main, `${main}.js`, `${main}.json`, `${main}.node`, `${main}/index.js`, `${main}/index.json`, `${main}/index.node`] : [];
  for (const guess of guesses.concat(['index.js', 'index.json', 'index.node'])) {
    const file = path.join(pkgDir, guess);
    if (binding.stat(file) === 0) return file;
  }
  throw esmNotFound(`module '${pkgDir}'`, base);
}

function esmBare(specifier, fromPackageJson, conditions) {
  return esmPackageResolve(specifier, fromPackageJson, conditions);
}

function fileURLToPathSafe(url) {
  return require('url').fileURLToPath(url);
}

// esmResolve mirrors moduleResolve and the format a loaded file gets: it returns
// [kind, target], kind "builtin" (target the name), "module", "commonjs" or "json".
function esmResolve(specifier, base) {
  if (specifier.startsWith('node:') || Module.builtinModules.includes(specifier)) {
    const id = builtinName(specifier);
    if (id === null) throw makeNodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${specifier}`);
    return ['builtin', id];
  }
  let file;
  if (specifier.startsWith('file:')) file = fileURLToPathSafe(specifier);
  else if (specifier.startsWith('/')) file = path.resolve(specifier);
  else if (isRelative(specifier)) file = path.resolve(path.dirname(base), decodeURIComponent(specifier));
  else if (specifier[0] === '#') file = packageImportsResolve(specifier, base, esmConditions, esmBare);
  else if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(specifier)) {
    throw makeNodeError(Error, 'ERR_UNSUPPORTED_ESM_URL_SCHEME', `Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '${specifier.slice(0, specifier.indexOf(':') + 1)}'`);
  } else file = esmPackageResolve(specifier, base, esmConditions);
  if (file.length > 1 && file.endsWith('/') && !specifier.endsWith('/')) file = file.slice(0, -1);
  finalizeEsm(file, base);
  return [esmFormat(file), file];
}

function esmFormat(file) {
  const ext = path.extname(file);
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs' || ext === '.json') return formatOf(file);
  if (ext === '') {
    const scope = readPackageScope(file);
    if (!scope || scope.data.type !== 'module') return 'commonjs';
  }
  throw makeNodeError(TypeError, 'ERR_UNKNOWN_FILE_EXTENSION', `Unknown file extension "${ext}" for ${file}`);
}

// mainFormat resolves the entry point as run_main does: CommonJS resolution of the absolute
// path, then the format of the file found.
function resolveMain(main) {
  const file = Module._findPath(path.resolve(main), null, true);
  if (!file) return ['missing', main]; // the Go side reports it with Node's loader frames
  return [formatOf(file), file];
}

binding.setHooks({
  resolveMain,
  esmResolve,
  loadMain(file) { return Module._load(file, null, true); },
  // importCJS is what `import` of a CommonJS file evaluates: Module._load without a parent.
  importCJS(file) { return Module._load(file, null, false); },
  makeRequire(file) {
    const m = new Module(file, null);
    m.filename = file;
    m.paths = Module._nodeModulePaths(path.dirname(file));
    return [makeRequireFunction(m), m];
  },
});

module.exports = Module;
