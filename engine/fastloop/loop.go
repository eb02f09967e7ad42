package fastloop

import (
	"math"
	"sync"
)

// A Loop is a compiled pure numeric loop. For a `for` statement it covers the test, the body
// and the update; the caller runs the initializer first.
type Loop struct {
	// Vars are the variables the loop reads or writes that it does not declare with let or
	// const itself, in order of first use. Run takes their values and gives back new ones.
	Vars   []Var
	nslots int
	body   stmt
}

// Var is a variable of the enclosing JavaScript scope that the loop uses.
type Var struct {
	Name string
	// Written: the loop may assign it, so its value must be written back.
	Written bool
	// DeclaredInside: the loop declares it with `var NAME = ...` at the top of its body,
	// before any use, jump or test could read it. It need not hold a number when the loop
	// starts; if the declaration never ran (no iteration), its old value stays.
	DeclaredInside bool
	slot           int
}

var machines = sync.Pool{New: func() any { return new(machine) }}

// Run runs the loop. values holds the Vars' values on entry (any number for a variable
// DeclaredInside that held none) and their final values on return; assigned[i] tells, for a
// variable DeclaredInside, whether its declaration ran. The iterations since the host's last
// checkpoint are returned with the status.
func (l *Loop) Run(values []float64, assigned []bool, host Host) (Status, int64) {
	m := machines.Get().(*machine)
	defer machines.Put(m)
	*m = machine{host: host}
	for i, v := range l.Vars {
		m.s[v.slot] = values[i]
	}
	l.body(m)
	for i, v := range l.Vars {
		values[i] = m.s[v.slot]
		if values[i] != values[i] {
			values[i] = math.NaN() // one NaN, as JavaScript has; the hardware's may differ in its bits
		}
		assigned[i] = m.assigned[v.slot]
	}
	return m.status, m.iters
}
