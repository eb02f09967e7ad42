package node_test

import (
	"strings"
	"testing"
)

func TestZlibRoundTrips(t *testing.T) {
	expectStdout(t, `
const zlib = require('zlib');
const input = Buffer.from('event loop '.repeat(1000));
zlib.gzip(input, (err, packed) => {
  console.log('gzip', packed.length < input.length, packed[0].toString(16), packed[1].toString(16));
  zlib.gunzip(packed, (err, unpacked) => console.log('gunzip', unpacked.equals(input)));
});
zlib.deflate('abc'.repeat(100), (err, d) => zlib.inflate(d, (err, r) => console.log('inflate', r.toString().length)));
zlib.deflateRaw(input, { level: 9 }, (err, d) => zlib.inflateRaw(d, (err, r) => console.log('inflateRaw', r.length)));
const known = Buffer.from('H4sIAAAAAAAAA8tIzcnJVyjPL8pJAQCFEUoNCwAAAA==', 'base64');
console.log(zlib.gunzipSync(known).toString(), zlib.unzipSync(known).toString());
console.log(zlib.inflateSync(zlib.deflateSync('sync')).toString(), zlib.unzipSync(zlib.deflateSync('z')).toString());
try { zlib.gunzipSync(Buffer.from('nope')); } catch (e) { console.log(e.message, e.code, e.errno); }
zlib.inflate(Buffer.from([0x78]), (err) => console.log('async error:', err.message, err.code));
try { zlib.brotliCompressSync('x'); } catch (e) { console.log(e.code); }
console.log('scheduled');
`, `
hello world hello world
sync z
incorrect header check Z_DATA_ERROR -3
ERR_NOT_IMPLEMENTED
scheduled
async error: unexpected end of file Z_BUF_ERROR
gzip true 1f 8b
inflate 300
gunzip true
inflateRaw 11000
`)
}

// Inflating 100 KiB of output is one pool job per 16 KiB chunk, then the finishing write.
func TestZlibJobsPerChunk(t *testing.T) {
	res := runHost(t, `
const zlib = require('zlib');
const packed = zlib.deflateSync(Buffer.alloc(100 * 1024, 'a'));
zlib.inflate(packed, (err, out) => console.log(out.length));
`)
	labels := poolLabels(res.Trace)
	if len(labels) != 8 || labels[7] != "zlib.inflate 126 B finish, main.js:4" || !strings.Contains(labels[0], "zlib.inflate") {
		t.Errorf("pool jobs %q", labels)
	}
	if res.Stdout != "102400\n" {
		t.Errorf("stdout %q", res.Stdout)
	}
}

func TestZlibStreamsPipe(t *testing.T) {
	expectStdout(t, `
const fs = require('fs'), zlib = require('zlib');
fs.writeFileSync('/tmp/in.txt', 'pipe me '.repeat(5000));
fs.createReadStream('/tmp/in.txt').pipe(zlib.createGzip()).pipe(fs.createWriteStream('/tmp/out.gz')).on('finish', () => {
  const back = zlib.gunzipSync(fs.readFileSync('/tmp/out.gz')).toString();
  console.log('round trip', back.length, back === 'pipe me '.repeat(5000));
  const g = zlib.createGunzip();
  let text = '';
  g.on('data', (d) => { text += d; });
  g.on('end', () => console.log('stream gunzip', text.length));
  g.end(fs.readFileSync('/tmp/out.gz'));
});
`, `
round trip 40000 true
stream gunzip 40000
`)
}
