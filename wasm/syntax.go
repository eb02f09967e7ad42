//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"
)

// jsSyntax is the engine's Syntax, served by the second wasm module (wasm/esm) through the
// global looplabSyntax. Calling from one Go wasm instance into another is synchronous: the
// other instance sits idle in its own runtime until called.
type jsSyntax struct{ fns safejs.Value }

// loadedSyntax returns the module transform if the worker has loaded it, or nil.
func loadedSyntax() *jsSyntax {
	v, err := safejs.Global().Get("looplabSyntax")
	if err != nil || v.IsUndefined() {
		return nil
	}
	return &jsSyntax{fns: v}
}

type syntaxReply struct {
	Imports []string `json:"imports"`
	Code    string   `json:"code"`
	Error   string   `json:"error"`
}

func (s *jsSyntax) call(fn, src, filename string) (syntaxReply, error) {
	v, err := s.fns.Call(fn, src, filename)
	if err != nil {
		return syntaxReply{}, fmt.Errorf("module transform: %w", err)
	}
	text, err := v.String()
	if err != nil {
		return syntaxReply{}, fmt.Errorf("module transform: %w", err)
	}
	var r syntaxReply
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		return syntaxReply{}, fmt.Errorf("module transform: %w", err)
	}
	if r.Error != "" {
		return syntaxReply{}, errors.New(r.Error)
	}
	return r, nil
}

func (s *jsSyntax) Module(src, filename string) ([]string, string, error) {
	r, err := s.call("module", src, filename)
	return r.Imports, r.Code, err
}

func (s *jsSyntax) Script(src, filename string) (string, error) {
	r, err := s.call("script", src, filename)
	return r.Code, err
}
