'use strict';
// dns: lookup (getaddrinfo on the thread pool, after Node's lib/dns.js) and the resolve*
// queries (c-ares in Node: network requests that do not use the pool). The simulated machine
// resolves names from its hosts table (engine/node/host_dns.go) and has no DNS server.

const binding = internalBinding('dns');

function isIPv4(s) {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
}
function isIPv6(s) {
  if (typeof s !== 'string' || s.indexOf(':') < 0) return false;
  const [addr] = s.split('%');
  if (!/^[0-9a-fA-F:.]+$/.test(addr)) return false;
  const double = addr.split('::');
  if (double.length > 2) return false;
  const parts = addr.split(':').filter((p) => p !== '');
  const last = parts[parts.length - 1];
  let groups = parts.length;
  if (last && last.includes('.')) { if (!isIPv4(last)) return false; groups += 1; }
  if (!parts.every((p) => p.includes('.') || /^[0-9a-fA-F]{1,4}$/.test(p))) return false;
  return double.length === 2 ? groups < 8 : groups === 8;
}
function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

const { codedError, invalidArgTypeMessage, inspectDefault } = require('internal/errors');

function invalidArgType(name, expected, value) {
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(name, expected, value, inspectDefault));
}

function lookupOptions(options) {
  let family = 0;
  let all = false;
  if (typeof options === 'number') family = options;
  else if (options !== null && typeof options === 'object') {
    if (options.family !== undefined) family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    all = options.all === true;
  } else if (options !== undefined) {
    throw invalidArgType('options', 'of type object', options);
  }
  if (family !== 0 && family !== 4 && family !== 6) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'family' must be one of: 0, 4, 6. Received ${family}`);
  }
  return { family, all };
}

// lookup mirrors lib/dns.js: an empty name or a numeric address answers on the next tick
// without the pool; any other name is one getaddrinfo job on the thread pool.
function lookup(hostname, options, callback) {
  if (hostname && typeof hostname !== 'string') {
    throw invalidArgType('hostname', 'of type string', hostname);
  }
  if (typeof options === 'function') { callback = options; options = undefined; }
  if (typeof callback !== 'function') {
    throw invalidArgType('callback', 'of type function', callback);
  }
  const { family, all } = lookupOptions(options);
  if (!hostname) {
    if (all) process.nextTick(callback, null, []);
    else process.nextTick(callback, null, null, family === 6 ? 6 : 4);
    return {};
  }
  const matched = isIP(hostname);
  if (matched) {
    if (all) process.nextTick(callback, null, [{ address: hostname, family: matched }]);
    else process.nextTick(callback, null, hostname, matched);
    return {};
  }
  const req = {
    hostname,
    family,
    label: `dns.lookup ${hostname}, ${binding.callSite()}`,
    oncomplete(err, addresses) {
      if (err) return callback(err);
      if (all) return callback(null, addresses.map(([address, fam]) => ({ address, family: fam })));
      callback(null, addresses[0][0], addresses[0][1]);
    },
  };
  binding.getaddrinfo(hostname, family, all, req);
  return req;
}

function lookupService(address, port, callback) {
  if (typeof callback !== 'function') {
    throw invalidArgType('callback', 'of type function', callback);
  }
  process.nextTick(callback, null, address === '127.0.0.1' || address === '::1' ? 'localhost' : address, String(port));
}

const rrtypes = {
  resolve4: 'queryA', resolve6: 'queryAaaa', resolveAny: 'queryAny', resolveCaa: 'queryCaa',
  resolveCname: 'queryCname', resolveMx: 'queryMx', resolveNs: 'queryNs', resolveTxt: 'queryTxt',
  resolveSrv: 'querySrv', resolvePtr: 'queryPtr', resolveNaptr: 'queryNaptr', resolveSoa: 'querySoa',
  reverse: 'getHostByAddr',
};

function resolver(syscall) {
  return function query(name, options, callback) {
    if (typeof options === 'function') callback = options;
    if (typeof name !== 'string') {
      throw invalidArgType('name', 'of type string', name);
    }
    if (typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function', callback);
    }
    const req = { label: `dns ${syscall} ${name}, ${binding.callSite()}`, oncomplete: callback };
    binding.query(syscall, name, req);
    return req;
  };
}

const resolveFns = {};
for (const [name, syscall] of Object.entries(rrtypes)) resolveFns[name] = resolver(syscall);

function resolve(hostname, rrtype, callback) {
  if (typeof rrtype === 'function') { callback = rrtype; rrtype = 'A'; }
  const fn = resolveFns['resolve' + (rrtype === 'AAAA' ? '6' : rrtype === 'A' ? '4' : rrtype[0] + rrtype.slice(1).toLowerCase())];
  if (!fn) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'rrtype' is invalid. Received '${rrtype}'`);
  }
  return fn(hostname, callback);
}

class Resolver {
  constructor() { Object.assign(this, resolveFns); this.resolve = resolve; }
  cancel() {}
  getServers() { return ['127.0.0.53']; }
  setServers() {}
  setLocalAddress() {}
}

const codes = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP', REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP', CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED',
};

module.exports = {
  lookup, lookupService, resolve, Resolver, ...resolveFns,
  getServers: () => ['127.0.0.53'],
  setServers() {},
  setDefaultResultOrder() {},
  getDefaultResultOrder: () => 'verbatim',
  ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256,
  ...codes,
};

Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  configurable: true,
  get() { return require('dns/promises'); },
});
