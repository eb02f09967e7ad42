'use strict';
// dns/promises: the promise forms of lib/dns.js, over the same requests.

const dns = require('dns');

function lookup(hostname, options) {
  return new Promise((resolve, reject) => {
    dns.lookup(hostname, options, (err, address, family) => {
      if (err) return reject(err);
      resolve(Array.isArray(address) ? address : { address, family });
    });
  });
}

function wrap(fn) {
  return (...args) => new Promise((resolve, reject) => {
    fn(...args, (err, value) => (err ? reject(err) : resolve(value)));
  });
}

const out = { lookup };
for (const name of Object.keys(dns)) {
  if (name.startsWith('resolve') || name === 'reverse') out[name] = wrap(dns[name]);
}
out.lookupService = (address, port) => new Promise((resolve, reject) => {
  dns.lookupService(address, port, (err, hostname, service) => (err ? reject(err) : resolve({ hostname, service })));
});
out.Resolver = class Resolver extends dns.Resolver {
  constructor() {
    super();
    for (const name of Object.keys(this)) if (name.startsWith('resolve') || name === 'reverse') this[name] = wrap(this[name]);
  }
};
out.getServers = dns.getServers;
out.setServers = dns.setServers;
out.setDefaultResultOrder = dns.setDefaultResultOrder;
Object.assign(out, Object.fromEntries(Object.entries(dns).filter(([k, v]) => typeof v === 'string')));
module.exports = out;
