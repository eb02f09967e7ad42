// Package nodetest runs Node's own tests (v20.19.2 test/parallel, with the real test/common)
// under the looplab CLI, as Node's runner runs them: the measure of how faithfully the engine
// simulates Node. See README.md.
package nodetest

// groups are the families of Node's tests this harness runs, by file-name prefix. A file
// belongs to the first group whose prefix it has.
var groups = []struct{ name, prefix string }{
	{"timers", "test-timers-"},
	{"next-tick", "test-next-tick-"},
	{"promise", "test-promise"},
	{"microtask", "test-microtask"},
	{"queue-microtask", "test-queue-microtask"},
	{"event-emitter", "test-event-emitter-"},
	{"events", "test-events-"},
	{"process", "test-process-"},
	{"async", "test-async-"},
	{"util", "test-util-"},
	{"buffer", "test-buffer-"},
	{"path", "test-path-"},
	{"querystring", "test-querystring"},
	{"url", "test-url-"},
}
