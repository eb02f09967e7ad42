package node_test

import "testing"

func TestOSAndPerformance(t *testing.T) {
	expectStdout(t, `
const os = require('os');
console.log(os.cpus().length, os.availableParallelism(), Object.keys(os.cpus()[0]).join(','));
console.log(os.platform(), os.type(), os.arch(), os.endianness(), os.tmpdir(), JSON.stringify(os.EOL));
console.log(Object.keys(os.networkInterfaces()), os.totalmem() > os.freemem(), os.loadavg().length);
console.log(typeof os.hostname(), typeof os.release(), typeof os.homedir(), os.userInfo().username.length > 0);
console.log(os.constants.signals.SIGINT, os.constants.errno.ENOENT, os.uptime() > 0);
const { performance: perf, PerformanceMark } = require('perf_hooks');
console.log(perf === performance, typeof performance.timeOrigin);
performance.mark('a');
setTimeout(() => {
  performance.mark('b');
  const m = performance.measure('a to b', 'a', 'b');
  console.log(m.name, m.entryType, Math.round(m.duration), performance.getEntriesByType('mark').length);
  console.log(performance.getEntriesByName('a')[0] instanceof PerformanceMark);
}, 50);
console.log(structuredClone(new Map([[1, { a: [1, 2] }]])));
`, `
4 4 model,speed,times
linux Linux x64 LE /tmp "\n"
[ 'lo' ] true 3
string string string true
2 2 true
true number
Map(1) { 1 => { a: [ 1, 2 ] } }
a to b measure 50 2
true
`)
}
