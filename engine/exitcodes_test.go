package engine

import (
	"strings"
	"testing"
)

// TestExitCodesAndReports checks Node's exit codes and the first lines of its reports, as real
// Node 20 prints them for the same programs.
func TestExitCodesAndReports(t *testing.T) {
	cases := []struct {
		name, file, src string
		code            int
		stderr          []string
	}{
		{"uncaught exception", "main.js", "setTimeout(() => {\n  throw new Error('boom');\n}, 1);", 1,
			[]string{"/app/main.js:2\n  throw new Error('boom');\n  ^\n\nError: boom\n    at ", "\n\nNode.js v20.20.2\n"}},
		{"throw of a non-error", "main.js", "throw 'plain';", 1,
			[]string{"/app/main.js:1\nthrow 'plain';\n^\nplain\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n"}},
		{"syntax error", "main.js", "console.log(1);\nlet x = ;", 1, []string{"/app/main.js:2\n", "SyntaxError"}},
		{"handler that throws", "main.js", "process.on('uncaughtException', () => { throw new Error('again'); });\nthrow new Error('first');", 7,
			[]string{"Error: again"}},
		{"unhandled rejection of a non-error", "main.js", "Promise.reject('str');", 1,
			[]string{`The promise rejected with the reason "str".`, "code: 'ERR_UNHANDLED_REJECTION'"}},
		{"missing module", "main.js", "require('./nope');", 1, []string{"Error: Cannot find module './nope'\nRequire stack:\n- /app/main.js"}},
		{"unsettled top-level await", "main.mjs", "console.log('a');\nawait new Promise(() => {});", 13, nil},
		{"process.exitCode", "main.js", "process.exitCode = 5;", 5, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runJS(t, c.file, c.src, func(o *Options) { o.Syntax = testSyntax })
			if res.ExitCode != c.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", res.ExitCode, c.code, res.Stderr)
			}
			for _, frag := range c.stderr {
				if !strings.Contains(res.Stderr, frag) {
					t.Errorf("stderr lacks %q:\n%s", frag, res.Stderr)
				}
			}
		})
	}
}
