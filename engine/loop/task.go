package loop

// Task is a callback waiting in one of the loop's queues. Fn is the host's business: the loop
// only decides when the task runs and hands it back to Host.RunTask.
type Task struct {
	ID    int
	Queue string // trace.Queue* name
	Label string // "setTimeout 100 ms, main.js:4"
	Cause int    // the task whose callback was running when this one was queued; 0: main script
	Fn    any
	// Done, when set, runs after the callback and its microtasks (e.g. a pool job releasing
	// its request count).
	Done func()
}

// Host runs callbacks for a loop: it is the execution stage (package node).
type Host interface {
	// RunTask runs the task's callback and then drains the nextTick and microtask queues, as
	// Node does after every callback that enters JavaScript from the loop.
	RunTask(t *Task)
	// CurrentTask is the id of the task whose callback is running, 0 outside callbacks and
	// in the main script; it becomes the Cause of whatever is queued now.
	CurrentTask() int
}
