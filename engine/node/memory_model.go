package node

import "github.com/dop251/goja"

// The modeled memory footprint that process.memoryUsage() reports (docs/resource-model.md). The
// figures were measured with Node v20.20.2 on Linux x86_64 (the 2-core build container):
//
//   - `node -e "console.log(process.memoryUsage())"`: rss 41,119,744, heapTotal 4,169,728,
//     heapUsed 3,199,312, external 1,193,051, arrayBuffers 10,511 (the same in three runs).
//   - A forked child with its IPC channel, asked at its first line: rss 43,249,664, heapTotal
//     4,694,016, heapUsed 3,989,512, external 1,527,372: the channel and child_process's
//     modules add about 2 MB.
//   - Four idle workers started from `node -e`: rss grew by 9.27 MB per worker (its isolate,
//     heap and thread stack), the main thread's heapTotal by 65 KB.
//
// So a process costs about four times the memory a worker adds, the ratio lesson 9 shows.
const (
	processRSS          = 41_119_744
	processHeapTotal    = 4_169_728
	processHeapUsed     = 3_199_312
	processExternal     = 1_193_051
	processArrayBuffers = 10_511
	// ipcChildExtra is what a forked child with an IPC channel has on top of a plain process.
	ipcChildExtra = 2_129_920
	// workerRSS is what each live worker thread adds to its process's rss.
	workerRSS = 9_273_344
)

// modeledMemory is process.memoryUsage() of this thread's process: rss is the whole process's
// (its workers included); the heap figures are the calling thread's own isolate.
func (r *Realm) modeledMemory() map[string]any {
	p := r.proc
	rss := int64(processRSS)
	heapTotal, heapUsed, external := int64(processHeapTotal), int64(processHeapUsed), int64(processExternal)
	if c := p.cp; c != nil && c.plan.ipc {
		rss += ipcChildExtra
		heapTotal += 524_288
		heapUsed += 790_200
		external += 334_321
	}
	if p.workers != nil {
		rss += int64(workerRSS * len(p.workers.live))
	}
	return map[string]any{"rss": rss, "heapTotal": heapTotal, "heapUsed": heapUsed, "external": external, "arrayBuffers": int64(processArrayBuffers)}
}

// memoryObject is modeledMemory as Node prints it, keys in Node's order.
func (r *Realm) memoryObject() *goja.Object {
	m := r.modeledMemory()
	o := r.rt.NewObject()
	for _, k := range []string{"rss", "heapTotal", "heapUsed", "external", "arrayBuffers"} {
		o.Set(k, m[k])
	}
	return o
}
