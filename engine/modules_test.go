package engine

import "testing"

// Resolution through node_modules, "exports" with conditions and patterns, "imports", errors
// and require.resolve.paths; the expected output is what node 20.20.2 printed for this tree.
func TestModuleResolutionAsNode(t *testing.T) {
	files := map[string][]byte{
		"/app/node_modules/pkg/package.json": []byte(`{"name":"pkg","exports":{".":{"import":"./lib/m.mjs","require":"./lib/c.js"},"./feat/*":"./sub/*.js"},"imports":{"#int":"./lib/c.js"}}`),
		"/app/node_modules/pkg/lib/c.js":     []byte(`exports.kind="cjs"; exports.self=require("#int")===module.exports`),
		"/app/node_modules/pkg/lib/m.mjs":    []byte(`export const kind="esm"`),
		"/app/node_modules/pkg/sub/x.js":     []byte(`module.exports="feat-x"`),
	}
	res := runJS(t, "main.js", `console.log(require('pkg'), require('pkg/feat/x'));
try { require('pkg/lib/c.js') } catch (e) { console.log(e.code, e.message) }
try { require('nope') } catch (e) { console.log(e.code, e.message, e.requireStack) }
console.log(require.resolve('pkg'), require.resolve.paths('./x'), require.resolve.paths('fs'));
console.log(require.main === module, module.id, module.parent, module.children.length);
`, func(o *Options) {
		for name, data := range files {
			o.Files[name] = data
		}
	})
	want := `{ kind: 'cjs', self: true } feat-x
ERR_PACKAGE_PATH_NOT_EXPORTED Package subpath './lib/c.js' is not defined by "exports" in /app/node_modules/pkg/package.json
MODULE_NOT_FOUND Cannot find module 'nope'
Require stack:
- /app/main.js [ '/app/main.js' ]
/app/node_modules/pkg/lib/c.js [ '/app' ] null
true . null 2
`
	if res.Stdout != want {
		t.Fatalf("stdout %q\nwant %q\nstderr %s", res.Stdout, want, res.Stderr)
	}
}
