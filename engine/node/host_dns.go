package node

import (
	"strings"
	"time"

	"github.com/dop251/goja"
)

// internalBinding('dns'): name resolution for lib/dns.js over a simulated hosts file. The
// simulated machine has no network: getaddrinfo (dns.lookup) answers from the hosts table on a
// pool thread; DNS queries (dns.resolve*) get no answer from any server.
func init() {
	bindings["dns"] = (*Realm).dnsBinding
}

// dnsHosts is the simulated /etc/hosts, as Debian writes it: family 4 answers first, and
// localhost has no IPv6 entry (real Node here answers localhost with 127.0.0.1 only).
var dnsHosts = map[string][]dnsAddr{
	"localhost":     {{"127.0.0.1", 4}},
	osHostname:      {{"127.0.1.1", 4}},
	"ip6-localhost": {{"::1", 6}},
	"ip6-loopback":  {{"::1", 6}},
}

type dnsAddr struct {
	address string
	family  int
}

// Modeled costs: a hosts-file answer is a few file reads inside getaddrinfo; a name that is
// not there goes to the configured resolver, which answers NXDOMAIN after a network round trip.
const (
	dnsCostHosts    = 200 * time.Microsecond
	dnsCostNotFound = 20 * time.Millisecond
	// dnsQueryTimeout is how long a DNS query (resolve*) waits before the simulated resolver
	// reports that no server answered.
	dnsQueryTimeout = 5 * time.Millisecond
)

func (r *Realm) dnsBinding() goja.Value {
	b := r.rt.NewObject()
	b.Set("callSite", func() string { return r.callSite() })
	// getaddrinfo(hostname, family, all, req): one pool job, as uv_getaddrinfo.
	b.Set("getaddrinfo", func(c goja.FunctionCall) goja.Value {
		host := c.Argument(0).String()
		family := int(c.Argument(1).ToInteger())
		all := c.Argument(2).ToBoolean()
		return r.hostCall(c.Argument(3), "dns.lookup", func() (any, time.Duration, error) {
			var found []any
			for _, a := range dnsHosts[strings.ToLower(host)] {
				if family == 0 || family == a.family {
					found = append(found, []any{a.address, a.family})
				}
			}
			if len(found) == 0 {
				return nil, dnsCostNotFound, &sysError{message: "getaddrinfo ENOTFOUND " + host, code: "ENOTFOUND",
					errno: -3008, syscall: "getaddrinfo", extra: map[string]any{"hostname": host}}
			}
			if !all {
				found = found[:1]
			}
			return found, dnsCostHosts, nil
		}, plainResult)
	})
	// query(syscall, hostname, req): a DNS query over the (absent) network; it fails in the
	// poll phase after a short wait, without using the pool, as Node's c-ares requests do.
	b.Set("query", func(c goja.FunctionCall) goja.Value {
		syscall, host := c.Argument(0).String(), c.Argument(1).String()
		o := c.Argument(2).ToObject(r.rt)
		code := "ECONNREFUSED"
		if _, known := dnsHosts[strings.ToLower(host)]; known {
			code = "ENOTFOUND" // no DNS server knows the hosts-file names
		}
		cb := o.Get("oncomplete")
		r.completeLater(o.Get("label").String(), dnsQueryTimeout, func() call {
			err := r.jsError(&sysError{message: syscall + " " + code + " " + host, code: code, syscall: syscall,
				errnoUndefined: true, extra: map[string]any{"hostname": host}})
			return call{fn: cb, this: o, args: []goja.Value{err}}
		})
		return goja.Undefined()
	})
	return b
}
