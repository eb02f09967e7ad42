package node

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/netip"
	"path"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/dop251/goja"

	"looplab/engine/loop"
	"looplab/engine/trace"
)

// This file is the Go side of `net` (and so of `http`): a simulated loopback network that all
// processes of a run share, and internalBinding('tcp_wrap'), the handles that lib/net.js
// drives. It mirrors what libuv's uv_tcp_t and the kernel's loopback device do for Node:
//
//   - A socket never uses the thread pool. Everything a socket waits for (an incoming
//     connection, the end of a connect, bytes, the peer's FIN) arrives as an I/O completion in
//     the poll phase of the receiving thread's loop (Loop.Complete), as epoll reports it.
//   - Names are resolved before a handle sees them: lib/net.js calls dns.lookup for a host
//     name, which is the only part of networking that goes through the pool.
//   - Closing a handle (uv_close) queues its close callback for the close phase.
//   - An open server or socket is a ref'd active handle that keeps its loop alive; unref()
//     releases it.
//
// The latency model of the loopback device. A write is cut into segments of at most
// maxSegment bytes. Each segment occupies the sending direction of the connection for
// len/loopbackBandwidth (so a large write takes its time and later writes queue behind it),
// then needs loopbackLatency more to reach the other end. A connect is one segment each way:
// the SYN reaches the listening server after one latency (the kernel completes the handshake
// on the server's behalf and the connection waits in the accept queue), the SYN-ACK reaches
// the client after a second one. That gives, as on Linux, the server's 'connection' before
// the client's 'connect' when both run on one loop. A connect to a port nobody listens on is
// refused at once (the kernel answers inside connect()), reported at the next poll phase.
//
// The figures are round numbers of the right order for a Linux loopback device seen from
// user space (a round trip of some tens of µs to 100 µs once both sides' wake-ups are
// counted; one stream of small writes at about 1 GiB/s); they were chosen, not measured
// here, and no conformance case depends on them beyond their order. Arrivals are rounded up
// to whole microseconds. Reads deliver at most 64 KiB at once, the size of the buffer Node
// reads into; bytes that arrive while an earlier read of the same socket still waits for the
// poll phase join that read, as they would pile up in the kernel's receive buffer.
const (
	loopbackLatency   = 50 * time.Microsecond
	loopbackBandwidth = 1 << 30 // bytes per second
	maxSegment        = 64 * 1024
	// firstEphemeralPort is where ports for listen(0) and for the client side of connections
	// begin; Linux draws them from 32768-60999.
	firstEphemeralPort = 40000
)

// wireTime is how long n bytes occupy one direction of a loopback connection.
func wireTime(n int) time.Duration {
	return time.Duration(int64(n) * int64(time.Second) / loopbackBandwidth)
}

// deliveryTime rounds an arrival up to the next whole microsecond, the resolution of the
// model: small writes made by one callback reach the peer together and are read at once, as
// they would be from the kernel's receive buffer.
func deliveryTime(t time.Duration) time.Duration {
	return (t + time.Microsecond - 1).Truncate(time.Microsecond)
}

// network is the loopback device of one run: every process of the run sees the same ports.
type network struct {
	servers  []*tcpHandle // listening servers
	nextPort int
	open     int // handles not yet closed; the network is forgotten when it drops to zero
	cfg      *Config
}

// networks finds a run's network by its Config, which all processes of a run share.
// TODO(lead): a field on Config would be simpler; until then a network is dropped from this
// table as soon as it has no open handle, so a finished run leaves nothing behind unless it
// was stopped with a server still listening.
var networks = struct {
	sync.Mutex
	m map[*Config]*network
}{m: map[*Config]*network{}}

func (p *Process) network() *network {
	networks.Lock()
	defer networks.Unlock()
	n := networks.m[p.cfg]
	if n == nil {
		n = &network{nextPort: firstEphemeralPort, cfg: p.cfg}
		networks.m[p.cfg] = n
	}
	return n
}

func (n *network) handleOpened() { n.open++ }

func (n *network) handleClosed() {
	n.open--
	if n.open <= 0 {
		networks.Lock()
		if networks.m[n.cfg] == n {
			delete(networks.m, n.cfg)
		}
		networks.Unlock()
	}
}

// ephemeralPort returns the next free port of the ephemeral range.
func (n *network) ephemeralPort() int {
	for {
		p := n.nextPort
		n.nextPort++
		if n.nextPort > 60999 {
			n.nextPort = firstEphemeralPort
		}
		if n.portFree(p) {
			return p
		}
	}
}

func (n *network) portFree(port int) bool {
	for _, s := range n.servers {
		if s.localPort == port {
			return false
		}
	}
	return true
}

// bindConflicts mirrors the kernel's bind check for two listeners on one port: the same
// address, or a wildcard that covers the other ('::' covers IPv4 too, being dual-stack).
func bindConflicts(a, b string) bool {
	if a == b || a == "::" || b == "::" {
		return true
	}
	return (a == "0.0.0.0" && isIPv4(b)) || (b == "0.0.0.0" && isIPv4(a))
}

// accepts reports whether a server bound to host receives connections to ip.
func accepts(host, ip string) bool {
	return host == ip || host == "::" || (host == "0.0.0.0" && isIPv4(ip))
}

func isIPv4(ip string) bool {
	a, err := netip.ParseAddr(ip)
	return err == nil && a.Is4()
}

func family(ip string) string {
	if isIPv4(ip) {
		return "IPv4"
	}
	return "IPv6"
}

// tcpHandle is one uv_tcp_t: a listening server or one end of a connection.
type tcpHandle struct {
	r      *Realm
	net    *network
	obj    *goja.Object // the JavaScript handle; created late for accepted connections
	refd   bool
	alive  bool // counts as an active handle of the loop while refd
	closed bool

	listening bool
	server    bool   // a listening handle, not a connection end
	site      string // where user code created it, for labels of events with no user frame
	localAddr string
	localPort int

	// A connection end.
	peer       *tcpHandle
	remoteAddr string
	remotePort int
	wireFree   time.Duration // when the sending direction is free for the next segment
	finSent    bool
	reading    *loop.Task // a delivered read not yet run: later bytes join it
	lastSeg    *segment   // the last segment sent, which later writes of the same callback join
	readBuf    []byte

	// cluster (host_cluster.go): a listening handle that a cluster primary shares with its
	// workers is shared; every connection it accepts is parking until it reaches the worker
	// that takes it, and its events wait in parked meanwhile, as bytes wait in the kernel for
	// a descriptor that no process reads yet.
	shared  bool
	parking bool
	parked  []parkedEvent
}

func (n *network) newHandle(r *Realm) *tcpHandle {
	n.handleOpened()
	return &tcpHandle{r: r, net: n, refd: true}
}

// setAlive makes the handle active or inactive, keeping the loop's count of ref'd handles.
func (h *tcpHandle) setAlive(alive bool) {
	if h.alive == alive {
		return
	}
	h.alive = alive
	if h.refd {
		h.r.loop.RefHandle(boolDelta(alive))
	}
}

func (h *tcpHandle) setRef(ref bool) {
	if h.refd == ref {
		return
	}
	h.refd = ref
	if h.alive {
		h.r.loop.RefHandle(boolDelta(ref))
	}
}

func boolDelta(b bool) int {
	if b {
		return 1
	}
	return -1
}

func (h *tcpHandle) name() string { return fmt.Sprintf(":%d", h.localPort) }

// desc names the handle in trace labels: "server :40000" or "socket :40001→:40000".
func (h *tcpHandle) desc() string {
	if h.server {
		return "server " + h.name()
	}
	return fmt.Sprintf("socket :%d→:%d", h.localPort, h.remotePort)
}

// netCallSite is the innermost frame of user code, looked for deeper than callSite does:
// net and http calls sit under many library frames. Events with no user frame on the stack
// (a connect started on process.nextTick) take the site where their handle was made.
func (r *Realm) netCallSite(h *tcpHandle) string {
	for _, f := range r.rt.CaptureCallStack(64, nil) {
		pos := f.Position()
		if pos.Filename == "" || strings.HasPrefix(pos.Filename, "node:") {
			continue
		}
		return fmt.Sprintf("%s:%d", path.Base(pos.Filename), pos.Line)
	}
	if h != nil && h.site != "" {
		return h.site
	}
	return "node internals"
}

// deliver queues an event for the handle's JavaScript object on its own loop at time at:
// onevent(kind, ...args) runs in the poll phase. args builds the arguments on the receiving
// thread when the callback runs.
func (h *tcpHandle) deliver(at time.Duration, label string, cause int, kind string, args func() []goja.Value) *loop.Task {
	t := &loop.Task{ID: h.r.proc.sched.NewTaskID(), Queue: trace.QueuePoll, Label: label, Cause: cause}
	t.Fn = lazyCall(func() call {
		r := h.r // the handle may have moved to another process since (host_cluster.go)
		obj := h.object()
		fn := obj.Get("onevent")
		if fn == nil || h.closed && kind != "close" {
			return call{fn: goja.Undefined()}
		}
		a := []goja.Value{r.rt.ToValue(kind)}
		if args != nil {
			a = append(a, args()...)
		}
		return call{fn: fn, this: obj, args: a}
	})
	if h.parking {
		h.parked = append(h.parked, parkedEvent{at, t})
		return t
	}
	h.enqueue(at, t)
	return t
}

// enqueue hands a completion to the handle's loop. It joins the poll queue at its own time,
// never earlier: a loop that polls before then must not see it. (A completion at the
// receiving thread's own current time, queued by that thread, is due now and joins directly.)
func (h *tcpHandle) enqueue(at time.Duration, t *loop.Task) {
	r := h.r
	if sched := r.proc.sched; at > sched.Now() && at > r.th.Now() {
		sched.At(at, func() { r.loop.Complete(at, t) })
	} else {
		r.loop.Complete(at, t)
	}
}

// object is the handle's JavaScript side, created on first use on the handle's own thread.
func (h *tcpHandle) object() *goja.Object {
	if h.obj == nil {
		h.obj = h.r.newTCPObject(h)
	}
	return h.obj
}

// listen mirrors uv_tcp_bind + uv_listen; it returns a libuv error name or "".
func (h *tcpHandle) listen(host string, port int) string {
	n := h.net
	if port == 0 {
		port = n.ephemeralPort()
	} else {
		for _, s := range n.servers {
			if s.localPort == port && bindConflicts(s.localAddr, host) {
				return "EADDRINUSE"
			}
		}
	}
	h.localAddr, h.localPort, h.listening, h.server = host, port, true, true
	n.servers = append(n.servers, h)
	h.setAlive(true)
	return ""
}

func (h *tcpHandle) stopListening() {
	if !h.listening {
		return
	}
	h.listening = false
	n := h.net
	for i, s := range n.servers {
		if s == h {
			n.servers = append(n.servers[:i], n.servers[i+1:]...)
			break
		}
	}
}

// connect mirrors uv_tcp_connect to a loopback address: see the latency model above.
func (h *tcpHandle) connect(ip string, port int, site string) {
	r, n := h.r, h.net
	sched := r.proc.sched
	cause := r.current
	h.localAddr = loopbackFor(ip)
	h.localPort = n.ephemeralPort()
	h.remoteAddr, h.remotePort = ip, port
	h.setAlive(true)
	sent := r.th.Now()
	refuse := func(at time.Duration) {
		h.deliver(at, fmt.Sprintf("%s connect refused, %s", h.desc(), site), cause, "connect",
			func() []goja.Value { return []goja.Value{h.r.rt.ToValue("ECONNREFUSED")} })
	}
	if n.listener(ip, port) == nil {
		// The kernel answers a SYN to a closed loopback port inside connect(); Linux reports
		// the refusal at the next poll (libuv keeps it for POLLOUT), before any latency.
		refuse(sent)
		return
	}
	synAt := sent + loopbackLatency
	sched.At(synAt, func() {
		if h.closed {
			return
		}
		srv := n.listener(ip, port)
		replyAt := synAt + loopbackLatency
		if srv == nil || srv.r.dead {
			refuse(replyAt)
			return
		}
		// The accepted end: as the server sees it, an IPv4 client of a dual-stack server has
		// an IPv4-mapped IPv6 address.
		acc := n.newHandle(srv.r)
		acc.localAddr, acc.localPort = ip, port
		acc.remoteAddr, acc.remotePort = h.localAddr, h.localPort
		if srv.localAddr == "::" && isIPv4(ip) {
			acc.localAddr, acc.remoteAddr = "::ffff:"+ip, "::ffff:"+h.localAddr
		}
		acc.peer, h.peer = h, acc
		acc.wireFree, h.wireFree = synAt, synAt
		acc.setAlive(true)
		acc.parking = srv.shared
		srv.deliver(synAt, fmt.Sprintf("%s connection from %s, %s", srv.desc(), h.name(), site), cause, "connection",
			func() []goja.Value { return []goja.Value{acc.object()} })
		h.deliver(replyAt, fmt.Sprintf("%s connect, %s", h.desc(), site), cause, "connect",
			func() []goja.Value { return []goja.Value{h.r.rt.ToValue("")} })
	})
}

// listener is the server that receives connections to ip:port, if any.
func (n *network) listener(ip string, port int) *tcpHandle {
	for _, s := range n.servers {
		if s.localPort == port && accepts(s.localAddr, ip) {
			return s
		}
	}
	return nil
}

func loopbackFor(ip string) string {
	if isIPv4(ip) {
		return "127.0.0.1"
	}
	return "::1"
}

// write sends bytes to the peer, segment by segment, and returns at once: on loopback the
// kernel takes a write whole, so Node's write completes synchronously.
func (h *tcpHandle) write(data []byte, site string) {
	if h.peer == nil || h.finSent || h.closed || len(data) == 0 {
		return
	}
	r := h.r
	cause := r.current
	for len(data) > 0 {
		// Writes made by one callback reach the peer's receive buffer before the peer can
		// read (on loopback the kernel delivers within the send call), so they travel as one
		// segment, up to the 64 KiB a read takes.
		if last := h.lastSeg; last != nil && !last.arrived && last.cause == cause && len(last.data) < maxSegment {
			n := min(len(data), maxSegment-len(last.data))
			last.data = append(last.data, data[:n]...)
			h.wireFree += wireTime(n)
			data = data[n:]
			continue
		}
		n := min(len(data), maxSegment)
		seg := &segment{data: append([]byte(nil), data[:n]...), cause: cause}
		data = data[n:]
		h.wireFree = max(h.wireFree, r.th.Now()) + wireTime(n)
		at := deliveryTime(h.wireFree + loopbackLatency)
		peer, from := h.peer, h.name()
		h.lastSeg = seg
		r.proc.sched.At(at, func() {
			seg.arrived = true
			peer.receive(at, seg.data, from, site, cause)
		})
	}
}

// segment is bytes on their way to the peer.
type segment struct {
	data    []byte
	cause   int
	arrived bool
}

// receive puts bytes into the socket's receive buffer: they join a read that waits for the
// poll phase, or become a new one.
func (h *tcpHandle) receive(at time.Duration, data []byte, from, site string, cause int) {
	if h.closed {
		return
	}
	if h.reading != nil && len(h.readBuf)+len(data) <= maxSegment {
		h.readBuf = append(h.readBuf, data...)
		h.reading.Label = fmt.Sprintf("socket data %d B from %s, %s", len(h.readBuf), from, site)
		return
	}
	h.readBuf = append([]byte(nil), data...)
	var t *loop.Task
	t = h.deliver(at, fmt.Sprintf("socket data %d B from %s, %s", len(data), from, site), cause, "data", func() []goja.Value {
		buf := h.readBuf
		if h.reading == t {
			h.reading, h.readBuf = nil, nil
		}
		return []goja.Value{h.r.rt.ToValue(h.r.rt.NewArrayBuffer(buf))}
	})
	h.reading = t
}

// shutdown mirrors uv_shutdown: a FIN follows the bytes already sent; the peer reads EOF.
func (h *tcpHandle) shutdown(site string) {
	if h.peer == nil || h.finSent {
		return
	}
	h.finSent = true
	r := h.r
	cause := r.current
	h.wireFree = max(h.wireFree, r.th.Now())
	at := deliveryTime(h.wireFree + loopbackLatency)
	peer, from := h.peer, h.name()
	r.proc.sched.At(at, func() {
		if peer.closed {
			return
		}
		peer.reading = nil // bytes after EOF cannot join a read delivered before it
		peer.deliver(at, fmt.Sprintf("socket end from %s, %s", from, site), cause, "eof", nil)
	})
}

// close mirrors uv_close: the handle stops at once; cb runs in the close phase.
func (h *tcpHandle) close(cb goja.Value, site string) {
	if h.closed {
		return
	}
	h.stopListening()
	if h.peer != nil && !h.finSent {
		h.shutdown(site)
	}
	h.closed = true
	h.reading = nil
	h.setAlive(false)
	h.net.handleClosed()
	r := h.r
	t := r.newTask(trace.QueueClose, fmt.Sprintf("%s close, %s", h.desc(), site), call0(cb, goja.Undefined(), nil))
	if cb == nil || goja.IsUndefined(cb) {
		t.Fn = call0(goja.Undefined(), goja.Undefined(), nil)
	}
	r.loop.QueueClose(&t)
}

// newTCPObject builds the JavaScript handle object for h (TCPWrap in Node).
func (r *Realm) newTCPObject(h *tcpHandle) *goja.Object {
	o := r.rt.NewObject()
	o.DefineDataPropertySymbol(tcpHandleKey, r.rt.ToValue(h), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	addr := func(address string, port int) goja.Value {
		if port == 0 && address == "" {
			return r.rt.NewObject()
		}
		a := r.rt.NewObject()
		a.Set("address", address)
		a.Set("family", family(address))
		a.Set("port", port)
		return a
	}
	o.Set("listen", func(host string, port int) string {
		r.charge()
		return h.listen(host, port)
	})
	o.Set("connect", func(ip string, port int) {
		r.charge()
		h.connect(ip, port, r.netCallSite(h))
	})
	o.Set("write", func(v goja.Value) int {
		r.charge()
		var b []byte
		if s, ok := v.Export().(string); ok {
			b = []byte(s)
		} else if err := r.rt.ExportTo(v, &b); err != nil {
			panic(r.typeError("ERR_INVALID_ARG_TYPE", "write expects a string or a Uint8Array"))
		}
		h.write(b, r.netCallSite(h))
		return len(b)
	})
	o.Set("shutdown", func(cb goja.Value) {
		r.charge()
		site := r.netCallSite(h)
		h.shutdown(site)
		// With nothing left to write, libuv's uv_shutdown feeds the handle to the pending
		// queue (uv__io_feed): the shutdown callback runs in the pending phase, which libuv
		// 1.45+ also runs right after poll.
		t := r.newTask(trace.QueuePending, fmt.Sprintf("%s shutdown, %s", h.desc(), site), call0(cb, goja.Undefined(), nil))
		r.loop.QueuePending(&t)
	})
	o.Set("close", func(cb goja.Value) { r.charge(); h.close(cb, r.netCallSite(h)) })
	o.Set("ref", func() { h.setRef(true) })
	o.Set("unref", func() { h.setRef(false) })
	o.Set("hasRef", func() bool { return h.refd })
	o.Set("getsockname", func() goja.Value { return addr(h.localAddr, h.localPort) })
	o.Set("getpeername", func() goja.Value {
		if h.peer == nil && h.remotePort == 0 {
			return r.rt.NewObject()
		}
		return addr(h.remoteAddr, h.remotePort)
	})
	r.nameNatives(o)
	return o
}

// tcpBinding is internalBinding('tcp_wrap').
func (r *Realm) tcpBinding() goja.Value {
	n := r.proc.network()
	return r.rt.ToValue(map[string]any{
		"newHandle": func() *goja.Object {
			h := n.newHandle(r)
			h.site = r.netCallSite(nil)
			return h.object()
		},
		// lookup is the fallback name resolution when no dns module is there: a pool job, as
		// getaddrinfo in libuv's pool, that knows only the loopback names.
		"lookup": func(host string, cb goja.Value) { r.lookupLoopback(host, cb) },
		"isIP": func(s string) int {
			a, err := netip.ParseAddr(s)
			switch {
			case err != nil || a.Zone() != "":
				return 0
			case a.Is4():
				return 4
			}
			return 6
		},
	})
}

// Modeled cost of getaddrinfo answering from /etc/hosts on a pool thread.
const lookupCost = 200 * time.Microsecond

func (r *Realm) lookupLoopback(host string, cb goja.Value) {
	site := r.netCallSite(nil)
	var addr string
	var errCode string
	switch strings.ToLower(host) {
	case "localhost", "ip6-localhost", "ip6-loopback":
		addr = "::1"
		if host == "localhost" {
			addr = "127.0.0.1"
		}
	default:
		errCode = "ENOTFOUND"
	}
	id := r.proc.sched.NewTaskID()
	then := &loop.Task{ID: id, Queue: trace.QueuePoll, Label: "dns.lookup " + host + ", " + site, Cause: r.current}
	then.Fn = lazyCall(func() call {
		var err goja.Value = goja.Null()
		if errCode != "" {
			e := r.newError("Error", "getaddrinfo "+errCode+" "+host)
			e.Set("code", errCode)
			e.Set("errno", -3008)
			e.Set("syscall", "getaddrinfo")
			e.Set("hostname", host)
			err = e
		}
		fam := 4
		if addr == "::1" {
			fam = 6
		}
		return call{fn: cb, this: goja.Undefined(), args: []goja.Value{err, r.rt.ToValue(addr), r.rt.ToValue(fam)}}
	})
	r.proc.Pool.Submit(r.loop, &loop.Job{ID: id, Label: "getaddrinfo " + host, Cause: r.current,
		Work: func() time.Duration { return lookupCost }, Then: then})
}

// decoderObject is a string decoder for setEncoding: bytes that end in the middle of a
// character wait for the next chunk, as in lib/string_decoder.js.
func (r *Realm) decoderObject(enc string) *goja.Object {
	var carry []byte
	o := r.rt.NewObject()
	o.Set("write", func(v goja.Value) string {
		var b []byte
		if err := r.rt.ExportTo(v, &b); err != nil {
			return v.String()
		}
		b = append(append([]byte(nil), carry...), b...)
		var keep int
		switch enc {
		case "utf8":
			keep = incompleteUTF8(b)
		case "base64":
			keep = len(b) % 3
		case "utf16le":
			keep = len(b) % 2
		}
		carry = append([]byte(nil), b[len(b)-keep:]...)
		return streamDecode(b[:len(b)-keep], enc)
	})
	o.Set("end", func() string {
		s := streamDecode(carry, enc)
		carry = nil
		return s
	})
	r.nameNatives(o)
	return o
}

// incompleteUTF8 is how many bytes at the end of b start a UTF-8 sequence that is cut off.
func incompleteUTF8(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c&0xC0 == 0x80 {
			continue // a continuation byte: look further back
		}
		need := 0
		switch {
		case c&0xE0 == 0xC0:
			need = 2
		case c&0xF0 == 0xE0:
			need = 3
		case c&0xF8 == 0xF0:
			need = 4
		}
		if need > i {
			return i
		}
		return 0
	}
	return 0
}

// streamBytesBinding is internalBinding('stream_bytes'): encoding and decoding of strings for
// the stream library, which must work before and without the buffer module.
func (r *Realm) streamBytesBinding() goja.Value {
	return r.rt.ToValue(map[string]any{
		"decoder": func(enc string) *goja.Object { return r.decoderObject(streamEncoding(enc)) },
		"decode": func(v goja.Value, enc string) string {
			var b []byte
			if err := r.rt.ExportTo(v, &b); err != nil {
				return v.String()
			}
			return streamDecode(b, streamEncoding(enc))
		},
		"encode": func(s, enc string) goja.Value {
			return r.rt.ToValue(r.rt.NewArrayBuffer(streamEncode(s, streamEncoding(enc))))
		},
		"byteLength": func(s, enc string) int { return len(streamEncode(s, streamEncoding(enc))) },
	})
}

func init() {
	bindings["tcp_wrap"] = (*Realm).tcpBinding
	bindings["stream_bytes"] = (*Realm).streamBytesBinding
}

// streamEncoding mirrors normalizeEncoding in lib/internal/util.js for the encodings the
// stream library decodes; anything unknown is utf8.
func streamEncoding(enc string) string {
	switch strings.ToLower(enc) {
	case "latin1", "binary":
		return "latin1"
	case "ascii":
		return "ascii"
	case "hex":
		return "hex"
	case "base64":
		return "base64"
	case "base64url":
		return "base64url"
	case "ucs2", "ucs-2", "utf16le", "utf-16le":
		return "utf16le"
	}
	return "utf8"
}

func streamDecode(b []byte, enc string) string {
	switch enc {
	case "latin1", "ascii":
		rs := make([]rune, len(b))
		for i, c := range b {
			if enc == "ascii" {
				c &= 0x7f
			}
			rs[i] = rune(c)
		}
		return string(rs)
	case "hex":
		return hex.EncodeToString(b)
	case "base64":
		return base64.StdEncoding.EncodeToString(b)
	case "base64url":
		return base64.RawURLEncoding.EncodeToString(b)
	case "utf16le":
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return string(utf16.Decode(u))
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func streamEncode(s, enc string) []byte {
	switch enc {
	case "latin1", "ascii":
		out := make([]byte, 0, len(s))
		for _, c := range s {
			out = append(out, byte(c))
		}
		return out
	case "hex":
		b, _ := hex.DecodeString(s[:len(s)&^1])
		return b
	case "base64", "base64url":
		s = strings.NewReplacer("-", "+", "_", "/", "=", "").Replace(s)
		b, _ := base64.RawStdEncoding.DecodeString(s)
		return b
	case "utf16le":
		u := utf16.Encode([]rune(s))
		out := make([]byte, 2*len(u))
		for i, c := range u {
			out[2*i], out[2*i+1] = byte(c), byte(c>>8)
		}
		return out
	}
	return []byte(s)
}
