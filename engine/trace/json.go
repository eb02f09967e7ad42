package trace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Encode writes t as JSON, one event per line so that diffs of golden traces stay readable.
func Encode(w io.Writer, t *Trace) error {
	head := struct {
		Version int    `json:"version"`
		Main    string `json:"main"`
		Dropped int    `json:"dropped"`
	}{t.Version, t.Main, t.Dropped}
	b, err := json.Marshal(head)
	if err != nil {
		return fmt.Errorf("encode trace: %w", err)
	}
	// Splice the events array into the head object by hand, one event per line.
	if _, err := fmt.Fprintf(w, "%s,\"events\":[\n", b[:len(b)-1]); err != nil {
		return err
	}
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false) // labels like "<anonymous>" stay readable
	for i, e := range t.Events {
		line.Reset()
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("encode trace event %d: %w", i, err)
		}
		sep := ",\n"
		if i == len(t.Events)-1 {
			sep = "\n"
		}
		if _, err := fmt.Fprintf(w, "%s%s", bytes.TrimSuffix(line.Bytes(), []byte("\n")), sep); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "]}\n")
	return err
}

// Decode reads a trace written by Encode.
func Decode(r io.Reader) (*Trace, error) {
	var t Trace
	if err := json.NewDecoder(r).Decode(&t); err != nil {
		return nil, fmt.Errorf("decode trace: %w", err)
	}
	for i := range t.Events {
		t.Events[i].T = time.Duration(t.Events[i].Micros) * time.Microsecond
	}
	if t.Version != Version {
		return nil, fmt.Errorf("decode trace: version %d, this reader knows %d", t.Version, Version)
	}
	return &t, nil
}
