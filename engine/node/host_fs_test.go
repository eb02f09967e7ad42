package node_test

import (
	"strings"
	"testing"

	"looplab/engine/trace"
)

func TestFSCallbacksRunInPollAfterSyncCode(t *testing.T) {
	res := expectStdout(t, `
const fs = require('fs');
const file = require('os').tmpdir() + '/chain.txt';
fs.writeFile(file, 'hello thread pool\n', (err) => {
  console.log('writeFile', err);
  fs.stat(file, (err, st) => {
    console.log('stat', st.size, st.isFile(), st.isDirectory(), st.mtime instanceof Date, typeof st.mtimeMs);
    fs.readFile(file, 'utf8', (err, text) => {
      console.log('readFile', JSON.stringify(text));
      fs.unlink(file, () => fs.access(file, (err) => console.log(err.message, err.code, err.errno, err.syscall, err.path)));
    });
  });
});
console.log('sync first');
`, `
sync first
writeFile null
stat 18 true false true number
readFile "hello thread pool\n"
ENOENT: no such file or directory, access '/tmp/chain.txt' ENOENT -2 access /tmp/chain.txt
`)
	// Every completion of a pool job runs in the poll phase, under the job's own id.
	jobs := map[int]bool{}
	for _, e := range res.Trace.Events {
		switch {
		case e.Kind == trace.PoolSubmit:
			jobs[e.ID] = true
		case e.Kind == trace.CallbackRun && jobs[e.ID] && e.Queue != trace.QueuePoll:
			t.Errorf("pool job %d completed in queue %q, want poll", e.ID, e.Queue)
		}
	}
	if len(jobs) == 0 {
		t.Fatal("no pool jobs in the trace")
	}
}

func TestFSReadFileIsOneJobPerStep(t *testing.T) {
	res := runHost(t, `
const fs = require('fs');
fs.writeFileSync('/tmp/big', Buffer.alloc(1200 * 1024, 'x'));
fs.readFile('/tmp/big', (err, data) => console.log(data.length));
`)
	want := []string{
		"fs.readFile open, main.js:4",
		"fs.readFile fstat, main.js:4",
		"fs.readFile read 512 KiB, main.js:4",
		"fs.readFile read 512 KiB, main.js:4",
		"fs.readFile read 176 KiB, main.js:4",
		"fs.readFile close, main.js:4",
	}
	if got := poolLabels(res.Trace); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pool jobs\n got: %q\nwant: %q", got, want)
	}
	if res.Stdout != "1228800\n" {
		t.Errorf("stdout %q", res.Stdout)
	}
}

// A big readFile yields to the loop between its chunks: immediates run while it reads.
func TestFSReadFileYieldsBetweenChunks(t *testing.T) {
	expectStdout(t, `
const fs = require('fs');
fs.writeFileSync('/tmp/big', Buffer.alloc(8 * 512 * 1024, 'x'));
let spins = 0;
(function spin() { spins++; if (spins < 1000) setImmediate(spin); })();
fs.readFile('/tmp/big', (err, data) => console.log(data.length, 'immediates ran meanwhile:', spins > 8));
`, `
4194304 immediates ran meanwhile: true
`)
}

func TestFSSyncCallsBlockTheThread(t *testing.T) {
	res := expectStdout(t, `
const fs = require('fs');
fs.writeFileSync('/tmp/big', Buffer.alloc(20 * 1024 * 1024, 'x'));
const t0 = performance.now();
const data = fs.readFileSync('/tmp/big');
const ms = performance.now() - t0;
console.log(data.length, ms > 10 && ms < 13);
`, `
20971520 true
`)
	blocked := 0
	for _, e := range res.Trace.Events {
		if e.Kind == trace.Blocked {
			blocked++
			if !strings.Contains(e.Label, "main.js:") {
				t.Errorf("blocked label %q lacks the call site", e.Label)
			}
		}
	}
	if blocked != 7 { // writeFileSync: open, write, close; readFileSync: open, fstat, read, close
		t.Errorf("%d blocked events, want 7", blocked)
	}
	if n := len(poolLabels(res.Trace)); n != 0 {
		t.Errorf("sync calls submitted %d pool jobs", n)
	}
}

func TestFSErrorsAsNode(t *testing.T) {
	expectStdout(t, `
const fs = require('fs');
const show = (f) => { try { f(); } catch (e) { console.log(e.message, '|', e.code, e.errno, e.syscall); } };
show(() => fs.readFileSync('/nope'));
fs.mkdirSync('/tmp/d/e', { recursive: true });
fs.writeFileSync('/tmp/d/e/f', 'x');
show(() => fs.mkdirSync('/tmp/d'));
show(() => fs.rmdirSync('/tmp/d'));
show(() => fs.unlinkSync('/tmp/d'));
show(() => fs.readFileSync('/tmp/d'));
show(() => fs.openSync('/tmp/d/e/f', 'wx'));
show(() => fs.renameSync('/tmp/none', '/tmp/x'));
show(() => fs.rmSync('/tmp/d'));
console.log(fs.mkdirSync('/tmp/d/e/g/h', { recursive: true }), fs.mkdirSync('/tmp/d', { recursive: true }));
fs.rmSync('/tmp/d', { recursive: true });
fs.rmSync('/tmp/d', { force: true });
console.log(fs.existsSync('/tmp/d'), fs.statSync('/tmp/d', { throwIfNoEntry: false }));
fs.readFile('/nope', (err) => console.log(err.message, err.path));
fs.close(999, (err) => console.log(err.message));
`, `
ENOENT: no such file or directory, open '/nope' | ENOENT -2 open
EEXIST: file already exists, mkdir '/tmp/d' | EEXIST -17 mkdir
ENOTEMPTY: directory not empty, rmdir '/tmp/d' | ENOTEMPTY -39 rmdir
EISDIR: illegal operation on a directory, unlink '/tmp/d' | EISDIR -21 unlink
EISDIR: illegal operation on a directory, read | EISDIR -21 read
EEXIST: file already exists, open '/tmp/d/e/f' | EEXIST -17 open
ENOENT: no such file or directory, rename '/tmp/none' -> '/tmp/x' | ENOENT -2 rename
Path is a directory: rm returned EISDIR (is a directory) /tmp/d | ERR_FS_EISDIR 21 rm
/tmp/d/e/g undefined
false undefined
ENOENT: no such file or directory, open '/nope' /nope
EBADF: bad file descriptor, close
`)
}

func TestFSDescriptorsDirectoriesAndCopies(t *testing.T) {
	expectStdout(t, `
const fs = require('fs');
fs.mkdirSync('/tmp/dd');
process.chdir('/tmp/dd');
fs.writeFileSync('rel.txt', 'abcdef');
fs.appendFileSync('rel.txt', 'gh');
const fd = fs.openSync('rel.txt', 'r+');
const b = Buffer.alloc(3);
console.log(fs.readSync(fd, b, 0, 3, 2), b.toString());
fs.writeSync(fd, 'XY', 0);
console.log(fs.fstatSync(fd).size);
fs.closeSync(fd);
console.log(fs.readFileSync('/tmp/dd/rel.txt', 'utf8'));
fs.copyFileSync('rel.txt', 'copy.txt');
fs.renameSync('copy.txt', 'moved.txt');
console.log(fs.readdirSync('.').join(','));
console.log(fs.readdirSync('/tmp/dd', { withFileTypes: true }).map((d) => d.name + ':' + d.isFile()).join(','));
console.log(fs.realpathSync('moved.txt'));
fs.open('/tmp/dd/moved.txt', 'r', (err, fd) => {
  fs.read(fd, Buffer.alloc(4), 0, 4, null, (err, n, buf) => {
    console.log('read', n, buf.toString());
    fs.close(fd, (err) => console.log('closed', err));
  });
});
`, `
3 cde
8
XYcdefgh
moved.txt,rel.txt
moved.txt:true,rel.txt:true
/tmp/dd/moved.txt
read 4 XYcd
closed null
`)
}

func TestFSPromises(t *testing.T) {
	expectStdout(t, `
const fs = require('fs');
const fsp = require('fs/promises');
console.log(fs.promises === fsp);
(async () => {
  await fsp.writeFile('/tmp/p.txt', 'promised');
  await fsp.appendFile('/tmp/p.txt', '!');
  console.log(await fsp.readFile('/tmp/p.txt', 'utf8'), (await fsp.stat('/tmp/p.txt')).size);
  const fh = await fsp.open('/tmp/p.txt', 'r');
  const { bytesRead, buffer } = await fh.read(Buffer.alloc(3), 0, 3, 0);
  console.log(bytesRead, buffer.toString(), typeof fh.fd);
  await fh.close();
  await fsp.mkdir('/tmp/q/r', { recursive: true });
  console.log(await fsp.readdir('/tmp/q'));
  try { await fsp.readFile('/tmp/none'); } catch (e) { console.log(e.code, e.syscall); }
  await fsp.rm('/tmp/q', { recursive: true });
  await fsp.access('/tmp/q').catch((e) => console.log('gone', e.code));
})();
`, `
true
promised! 9
3 pro number
[ 'r' ]
ENOENT open
gone ENOENT
`)
}

func TestFSStreams(t *testing.T) {
	expectStdout(t, `
const fs = require('fs');
const ws = fs.createWriteStream('/tmp/s.txt');
ws.on('open', () => console.log('ws open'));
ws.on('finish', () => console.log('ws finish'));
ws.write('hello ');
ws.end('world', () => {
  const rs = fs.createReadStream('/tmp/s.txt', { encoding: 'utf8', highWaterMark: 4 });
  rs.on('open', () => console.log('rs open'));
  rs.on('data', (d) => console.log('data', JSON.stringify(d)));
  rs.on('end', () => console.log('end'));
  rs.on('close', () => console.log('close'));
});
ws.on('close', () => console.log('ws close', ws.bytesWritten));
`, `
ws open
ws finish
ws close 11
rs open
data "hell"
data "o wo"
data "rld"
end
close
`)
}
