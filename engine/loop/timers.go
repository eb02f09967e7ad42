package loop

import (
	"container/heap"
	"fmt"

	"looplab/engine/trace"
)

// Timeout mirrors Node's Timeout object (lib/internal/timers.js): one setTimeout or
// setInterval, kept in the list of all timers with the same duration.
type Timeout struct {
	Task
	idleTimeout int64 // the duration in ms; -1 once cleared
	idleStart   int64 // loop time (ms) when the timer was last (re)started
	repeat      int64 // the interval in ms; 0 for a one-shot timer
	refed       bool
	destroyed   bool
	list        *timerList
	prev, next  *Timeout
}

// timerList mirrors Node's TimersList: every timer of one duration, in insertion order, so
// that the list's head always expires first.
type timerList struct {
	msecs      int64
	expiry     int64
	id         int
	head, tail *Timeout
	index      int // position in the priority queue
}

// timers holds Node's timer state for one thread: the lists by duration and the priority
// queue of lists ordered by (expiry, id), as timerListMap and timerListQueue in timers.js.
type timers struct {
	lists    map[int64]*timerList
	queue    listQueue
	nextID   int
	refCount int
}

// SetTimer starts a timer of msecs (already coerced to 1..2^31-1) that repeats when repeat is
// set. Mirrors `new Timeout()` followed by insert() in lib/internal/timers.js.
func (l *Loop) SetTimer(task Task, msecs int64, repeat bool) *Timeout {
	t := &Timeout{Task: task, idleTimeout: msecs, refed: true}
	if repeat {
		t.repeat = msecs
	}
	l.timers.refCount++
	l.insertTimer(t, l.libuvNow())
	return t
}

// insertTimer mirrors insert(item, msecs, start) in lib/internal/timers.js.
func (l *Loop) insertTimer(t *Timeout, start int64) {
	msecs := t.idleTimeout
	t.idleStart = start
	list := l.timers.lists[msecs]
	if list == nil {
		list = &timerList{msecs: msecs, expiry: start + msecs, id: l.timers.nextID}
		l.timers.nextID++
		l.timers.lists[msecs] = list
		heap.Push(&l.timers.queue, list)
	}
	list.append(t)
	l.record(trace.Event{Kind: trace.Enqueue, ID: t.ID, Queue: trace.QueueTimers, Label: t.Label,
		Cause: t.Cause, Due: (start + msecs) * 1000})
}

// ClearTimer mirrors clearTimeout: unenroll the timer; an emptied list leaves the queue.
func (l *Loop) ClearTimer(t *Timeout) {
	if t == nil || t.destroyed {
		return
	}
	if t.refed {
		l.timers.refCount--
	}
	t.destroyed = true
	t.idleTimeout = -1
	if t.list != nil {
		l.unlinkTimer(t)
		l.record(trace.Event{Kind: trace.Cancel, ID: t.ID, Queue: trace.QueueTimers})
	}
}

func (l *Loop) unlinkTimer(t *Timeout) {
	list := t.list
	list.remove(t)
	if list.head == nil && l.timers.lists[list.msecs] == list {
		delete(l.timers.lists, list.msecs)
		heap.Remove(&l.timers.queue, list.index)
	}
}

// RefreshTimer mirrors timeout.refresh(): restart the countdown from now.
func (l *Loop) RefreshTimer(t *Timeout) {
	if t.idleTimeout < 0 {
		return
	}
	if t.list != nil {
		l.unlinkTimer(t)
	} else if t.destroyed {
		// A fired one-shot timer starts again, holding the loop open again if it is ref'd.
		t.destroyed = false
		if t.refed {
			l.timers.refCount++
		}
	}
	l.insertTimer(t, l.libuvNow())
}

// RefTimer mirrors timeout.ref() and timeout.unref(): only ref'd timers keep the loop alive.
func (l *Loop) RefTimer(t *Timeout, ref bool) {
	if t.refed == ref {
		return
	}
	t.refed = ref
	if t.destroyed {
		return
	}
	if ref {
		l.timers.refCount++
	} else {
		l.timers.refCount--
	}
}

// HasRef reports whether the timer keeps the loop alive.
func (t *Timeout) HasRef() bool { return t.refed }

// Repeat is the interval of a setInterval timer, 0 for setTimeout.
func (t *Timeout) Repeat() int64 { return t.repeat }

// nextExpiry is when the single libuv timer behind all of Node's timers is due, and whether
// there is one.
func (l *Loop) nextExpiry() (int64, bool) {
	if len(l.timers.queue) == 0 {
		return 0, false
	}
	return l.timers.queue[0].expiry, true
}

// processTimers mirrors processTimers in lib/internal/timers.js: run every list whose expiry
// has come, earliest first. now is the libuv time when the phase began.
func (l *Loop) processTimers(now int64) {
	for len(l.timers.queue) > 0 && !l.stopping() {
		list := l.timers.queue[0]
		if list.expiry > now {
			return
		}
		l.listOnTimeout(list, now)
	}
}

// listOnTimeout mirrors listOnTimeout in lib/internal/timers.js: run the due timers of one
// list in insertion order; at the first that is not due yet, reschedule the list behind it.
func (l *Loop) listOnTimeout(list *timerList, now int64) {
	for t := list.head; t != nil && !l.stopping(); t = list.head {
		if diff := now - t.idleStart; diff < list.msecs {
			list.expiry = max(t.idleStart+list.msecs, now+1)
			list.id = l.timers.nextID
			l.timers.nextID++
			heap.Fix(&l.timers.queue, list.index)
			return
		}
		list.remove(t)
		var start int64
		if t.repeat > 0 {
			start = l.libuvNow()
		}
		l.record(trace.Event{Kind: trace.Dequeue, ID: t.ID, Queue: trace.QueueTimers})
		l.host.RunTask(&t.Task)
		if t.repeat > 0 && t.idleTimeout != -1 {
			t.idleTimeout = t.repeat
			l.insertTimer(t, start)
		} else if t.list == nil && !t.destroyed {
			// Not re-armed by refresh() inside its own callback: the timer is spent.
			t.destroyed = true
			if t.refed {
				l.timers.refCount--
			}
		}
	}
	if l.timers.lists[list.msecs] == list && list.head == nil {
		delete(l.timers.lists, list.msecs)
		heap.Remove(&l.timers.queue, list.index)
	}
}

func (list *timerList) append(t *Timeout) {
	t.list = list
	t.prev, t.next = list.tail, nil
	if list.tail != nil {
		list.tail.next = t
	} else {
		list.head = t
	}
	list.tail = t
}

func (list *timerList) remove(t *Timeout) {
	if t.prev != nil {
		t.prev.next = t.next
	} else {
		list.head = t.next
	}
	if t.next != nil {
		t.next.prev = t.prev
	} else {
		list.tail = t.prev
	}
	t.prev, t.next, t.list = nil, nil, nil
}

// pendingTimers describes the armed timers for a "still pending" message.
func (l *Loop) pendingTimers() []string {
	var out []string
	for _, list := range l.timers.queue {
		for t := list.head; t != nil; t = t.next {
			out = append(out, fmt.Sprintf("%s (%s)", t.Label, map[bool]string{true: "ref'd", false: "unref'd"}[t.refed]))
		}
	}
	return out
}

type listQueue []*timerList

func (q listQueue) Len() int { return len(q) }
func (q listQueue) Less(i, j int) bool {
	if q[i].expiry != q[j].expiry {
		return q[i].expiry < q[j].expiry
	}
	return q[i].id < q[j].id
}
func (q listQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}
func (q *listQueue) Push(x any) {
	list := x.(*timerList)
	list.index = len(*q)
	*q = append(*q, list)
}
func (q *listQueue) Pop() any {
	old := *q
	list := old[len(old)-1]
	*q = old[:len(old)-1]
	return list
}
