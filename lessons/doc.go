// Package lessons turns the lesson files, lessons/NN-slug.md, into data at build time.
//
// A lesson is front matter (title, summary, order), markdown prose, and fenced blocks whose
// info string is `js run` or `mjs run`. Those blocks become a node kind of their own (Runnable)
// through a goldmark AST transformer, which also takes in the blocks that describe them
// (output, goal, hint, solution). The prose is rendered to HTML here, so the browser never
// needs a markdown renderer; the runnable blocks become data (Block) that the site hands to
// its playground. A fenced block whose info string is `lab NAME` becomes a lab (LabNode,
// lab.go): its options are parsed into the lab's parameters, which the page hands to the lab.
// As in the Go Tour, content, loader, page and runner share no code: this data is their only
// contract.
//
// Every mistake in a lesson is reported as "file:line: message", and all of a file's
// mistakes are reported together, so a broken lesson fails the build with a clear list.
package lessons
