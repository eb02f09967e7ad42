// Package profile is a stand-in for github.com/google/pprof/profile (see ../README.md): the
// types goja's profiler refers to. Looplab never profiles, and the real package compiles some
// twenty regular expressions when the program starts: in the browser that cost 12-24 ms.
package profile

import (
	"errors"
	"io"
)

type Profile struct {
	SampleType        []*ValueType
	DefaultSampleType string
	Sample            []*Sample
	Mapping           []*Mapping
	Location          []*Location
	Function          []*Function
	Comments          []string
	DropFrames        string
	KeepFrames        string
	TimeNanos         int64
	DurationNanos     int64
	PeriodType        *ValueType
	Period            int64
}

type ValueType struct{ Type, Unit string }

type Sample struct {
	Location []*Location
	Value    []int64
	Label    map[string][]string
	NumLabel map[string][]int64
	NumUnit  map[string][]string
}

type Mapping struct {
	ID              uint64
	Start, Limit    uint64
	Offset          uint64
	File, BuildID   string
	HasFunctions    bool
	HasFilenames    bool
	HasLineNumbers  bool
	HasInlineFrames bool
}

type Location struct {
	ID       uint64
	Mapping  *Mapping
	Address  uint64
	Line     []Line
	IsFolded bool
}

type Line struct {
	Function *Function
	Line     int64
}

type Function struct {
	ID         uint64
	Name       string
	SystemName string
	Filename   string
	StartLine  int64
}

// Write reports that profiles cannot be written: nothing in Looplab asks for one.
func (p *Profile) Write(w io.Writer) error { return errors.New("profile: not available in this build") }
