package node

import (
	"time"

	"github.com/dop251/goja"
)

// The os module describes the simulated machine: a Linux x64 host with cfg.Cores cores, one
// loopback interface and the fixed identity below. Nothing here reads the real machine, so a
// program prints the same in the browser as on the command line.
func init() {
	hostModules["os"] = (*Realm).osModule
}

const (
	osHostname = "looplab"
	osRelease  = "6.1.0-looplab"
	osVersion  = "#1 SMP PREEMPT_DYNAMIC Looplab"
	osTotalMem = 8 << 30
	osFreeMem  = 6 << 30
	osCPUModel = "Looplab Virtual CPU @ 2.40GHz"
	osCPUSpeed = 2400
	osUser     = "node"
	// osBootUptime is how long the simulated machine had been up when the program started.
	osBootUptime = 3 * time.Hour
)

func (r *Realm) osModule() goja.Value {
	rt := r.rt
	m := rt.NewObject()
	nullProto := func(kv ...any) *goja.Object {
		o := rt.NewObject()
		o.SetPrototype(nil)
		for i := 0; i+1 < len(kv); i += 2 {
			o.Set(kv[i].(string), kv[i+1])
		}
		return o
	}
	home := func() string {
		if h, ok := r.proc.Env["HOME"]; ok && h != "" {
			return h
		}
		return "/home/" + osUser
	}
	cores := max(r.proc.cfg.Cores, 1)

	m.Set("EOL", "\n")
	m.Set("devNull", "/dev/null")
	m.Set("arch", func() string { return "x64" })
	m.Set("machine", func() string { return "x86_64" })
	m.Set("platform", func() string { return "linux" })
	m.Set("type", func() string { return "Linux" })
	m.Set("release", func() string { return osRelease })
	m.Set("version", func() string { return osVersion })
	m.Set("hostname", func() string { return osHostname })
	m.Set("endianness", func() string { return "LE" })
	m.Set("homedir", home)
	m.Set("tmpdir", func() string {
		for _, k := range []string{"TMPDIR", "TMP", "TEMP"} {
			if v := r.proc.Env[k]; v != "" {
				if len(v) > 1 && v[len(v)-1] == '/' {
					v = v[:len(v)-1]
				}
				return v
			}
		}
		return "/tmp"
	})
	m.Set("totalmem", func() int64 { return osTotalMem })
	m.Set("freemem", func() int64 { return osFreeMem })
	m.Set("availableParallelism", func() int { return cores })
	m.Set("uptime", func() float64 {
		r.clockRead()
		return float64(int64((osBootUptime+r.th.Now()).Seconds()*100)) / 100
	})
	m.Set("loadavg", func() []any { return []any{0, 0, 0} })
	// obj builds an object with its keys in the order given, as Node prints them.
	obj := func(kv ...any) *goja.Object {
		o := nullProto(kv...)
		o.SetPrototype(rt.NewObject().Prototype())
		return o
	}
	m.Set("cpus", func() goja.Value {
		// Each core's times grow with the simulated uptime: mostly idle, as a quiet machine.
		r.clockRead()
		ms := (osBootUptime + r.th.Now()).Milliseconds() / 10 * 10
		list := make([]any, cores)
		for i := range list {
			list[i] = obj("model", osCPUModel, "speed", osCPUSpeed,
				"times", obj("user", ms/20, "nice", 0, "sys", ms/50, "idle", ms-ms/20-ms/50, "irq", 0))
		}
		return rt.NewArray(list...)
	})
	m.Set("networkInterfaces", func() goja.Value {
		lo := rt.NewArray(
			obj("address", "127.0.0.1", "netmask", "255.0.0.0", "family", "IPv4", "mac", "00:00:00:00:00:00", "internal", true, "cidr", "127.0.0.1/8"),
			obj("address", "::1", "netmask", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "family", "IPv6", "mac", "00:00:00:00:00:00", "internal", true, "cidr", "::1/128", "scopeid", 0),
		)
		return obj("lo", lo)
	})
	m.Set("userInfo", func() *goja.Object {
		return nullProto("uid", 1000, "gid", 1000, "username", osUser, "homedir", home(), "shell", "/bin/bash")
	})
	m.Set("getPriority", func() int { return 0 })
	m.Set("setPriority", func() {})
	signals := nullProto()
	for _, s := range []struct {
		name string
		n    int
	}{{"SIGHUP", 1}, {"SIGINT", 2}, {"SIGQUIT", 3}, {"SIGILL", 4}, {"SIGTRAP", 5}, {"SIGABRT", 6}, {"SIGIOT", 6},
		{"SIGBUS", 7}, {"SIGFPE", 8}, {"SIGKILL", 9}, {"SIGUSR1", 10}, {"SIGSEGV", 11}, {"SIGUSR2", 12},
		{"SIGPIPE", 13}, {"SIGALRM", 14}, {"SIGTERM", 15}, {"SIGCHLD", 17}, {"SIGSTKFLT", 16}, {"SIGCONT", 18},
		{"SIGSTOP", 19}, {"SIGTSTP", 20}, {"SIGTTIN", 21}, {"SIGTTOU", 22}, {"SIGURG", 23}, {"SIGXCPU", 24},
		{"SIGXFSZ", 25}, {"SIGVTALRM", 26}, {"SIGPROF", 27}, {"SIGWINCH", 28}, {"SIGIO", 29}, {"SIGPOLL", 29},
		{"SIGPWR", 30}, {"SIGSYS", 31}} {
		signals.Set(s.name, s.n)
	}
	errno := nullProto()
	for _, e := range []struct {
		name string
		n    int
	}{{"EPERM", 1}, {"ENOENT", 2}, {"EIO", 5}, {"EBADF", 9}, {"EAGAIN", 11}, {"ENOMEM", 12}, {"EACCES", 13},
		{"EBUSY", 16}, {"EEXIST", 17}, {"ENOTDIR", 20}, {"EISDIR", 21}, {"EINVAL", 22}, {"EMFILE", 24},
		{"ENOSPC", 28}, {"EPIPE", 32}, {"ENOTEMPTY", 39}, {"EADDRINUSE", 98}, {"ECONNRESET", 104},
		{"ETIMEDOUT", 110}, {"ECONNREFUSED", 111}} {
		errno.Set(e.name, e.n)
	}
	priority := nullProto("PRIORITY_LOW", 19, "PRIORITY_BELOW_NORMAL", 10, "PRIORITY_NORMAL", 0,
		"PRIORITY_ABOVE_NORMAL", -7, "PRIORITY_HIGH", -14, "PRIORITY_HIGHEST", -20)
	m.Set("constants", nullProto("UV_UDP_REUSEADDR", 4, "dlopen", nullProto(), "errno", errno, "signals", signals, "priority", priority))
	return m
}
