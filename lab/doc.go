// Package lab is the load lab: it puts a thread-per-request server and a Node server under the
// same closed-loop load and measures them, on the engine's discrete-event core (engine/loop's
// Scheduler), in virtual time.
//
// What it models: N clients that each send R requests one after the other, thinking Z between
// them; each request needs C of CPU and then waits W for blocking I/O (a database call, say).
//   - ThreadPool: T threads; a request holds its thread through C and W; requests beyond T
//     wait in the accept queue; every thread that exists reserves its stack.
//   - Node: one loop thread; C runs on it, one callback at a time; W is a non-blocking wait
//     whose completion callback queues behind whatever the loop is running.
//   - NodeWorkers: as Node, with C moved to a pool of worker threads.
//
// Every model runs its threads on the same simulated cores: a round-robin scheduler with a
// fixed time slice, and a context-switch cost whenever a core changes threads.
//
// What it leaves out: request parsing and response writing (they cost nothing), the network
// (clients are next to the server), garbage collection, a bound on the accept queue (nothing is
// refused), threads dying when idle, and the memory a process needs before any request comes.
// docs/lab-model.md gives the defaults and their sources.
//
// A lesson's own server program can be measured under the same load (package lab/measure, which
// runs the engine): Params.Waits gives its clients the models' arrivals and think times, and
// Measured turns its requests' times into the same windows and totals, as the Model Program.
package lab
