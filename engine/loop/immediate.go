package loop

import "looplab/engine/trace"

// Immediate mirrors Node's Immediate object (lib/internal/timers.js).
type Immediate struct {
	Task
	refed     bool
	destroyed bool
}

// SetImmediate queues a callback for the check phase. Mirrors `new Immediate()`.
func (l *Loop) SetImmediate(task Task) *Immediate {
	im := &Immediate{Task: task, refed: true}
	l.immediates = append(l.immediates, im)
	l.immediateRefs++
	l.record(trace.Event{Kind: trace.Enqueue, ID: im.ID, Queue: trace.QueueImmediate, Label: im.Label, Cause: im.Cause})
	return im
}

// ClearImmediate mirrors clearImmediate.
func (l *Loop) ClearImmediate(im *Immediate) {
	if im == nil || im.destroyed {
		return
	}
	im.destroyed = true
	if im.refed {
		l.immediateRefs--
	}
	l.record(trace.Event{Kind: trace.Cancel, ID: im.ID, Queue: trace.QueueImmediate})
}

// RefImmediate mirrors immediate.ref() and immediate.unref().
func (l *Loop) RefImmediate(im *Immediate, ref bool) {
	if im.refed == ref || im.destroyed {
		im.refed = ref
		return
	}
	im.refed = ref
	if ref {
		l.immediateRefs++
	} else {
		l.immediateRefs--
	}
}

// HasRef reports whether the immediate keeps the loop alive.
func (im *Immediate) HasRef() bool { return im.refed }

// processImmediate mirrors processImmediate in lib/internal/timers.js: run the immediates
// queued before the check phase began; those queued while it runs wait for the next turn.
func (l *Loop) processImmediate() {
	batch := l.immediates
	l.immediates = nil
	for i, im := range batch {
		if l.stopping() {
			// Whatever is left runs in a later turn if the thread goes on (uncaughtException).
			l.immediates = append(batch[i:], l.immediates...)
			return
		}
		if im.destroyed {
			continue
		}
		im.destroyed = true
		if im.refed {
			l.immediateRefs--
		}
		l.record(trace.Event{Kind: trace.Dequeue, ID: im.ID, Queue: trace.QueueImmediate})
		l.host.RunTask(&im.Task)
	}
}
