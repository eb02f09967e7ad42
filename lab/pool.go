package lab

// threadPool is a pool of at most size threads with a queue of jobs waiting for one. It is the
// thread-per-request server (its queue is the accept queue) and Node's worker threads. Threads
// are created when first needed and then kept, as Tomcat's pool grows toward maxThreads.
type threadPool struct {
	size    int
	idle    []*thread
	created int
	busy    int
	queue   fifo[func(*thread)]
}

// submit runs job on a free thread now, or queues it until one is released.
func (p *threadPool) submit(job func(*thread)) {
	var th *thread
	switch {
	case len(p.idle) > 0:
		th = p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
	case p.created < p.size:
		th = &thread{}
		p.created++
	default:
		p.queue.push(job)
		return
	}
	p.busy++
	job(th)
}

// release hands th to the oldest waiting job, or puts it back among the idle threads.
func (p *threadPool) release(th *thread) {
	if job, ok := p.queue.pop(); ok {
		job(th)
		return
	}
	p.busy--
	p.idle = append(p.idle, th)
}
