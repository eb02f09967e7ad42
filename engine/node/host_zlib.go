package node

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// internalBinding('zlib'): real deflate, zlib and gzip bytes for lib/zlib.js. Brotli is not
// available: no pure-Go brotli package is in the module (see docs/cost-model.md).
func init() {
	bindings["zlib"] = (*Realm).zlibBinding
}

// Modeled costs, measured with zlib.gzipSync and gunzipSync in Node 20 (best of 3): 20 MiB of
// one repeated byte compress in 48 ms, 2.2 MB of text in 5 ms (≈ 2.3 ms per MiB of input);
// inflating gives about 1 ms per MiB of output. Incompressible input is slower in real zlib
// (about 49 ms per MiB); the model charges every input the same rate, see docs/cost-model.md.
const (
	zlibCostBase         = 20 * time.Microsecond
	zlibCostDeflatePerMB = 2300 * time.Microsecond
	zlibCostInflatePerMB = 1 * time.Millisecond
	// zlibChunk is Node's default chunkSize (Z_DEFAULT_CHUNK): every handle.write fills at most
	// this much output, so a buffer call is one pool job per 16 KiB of output, and one more for
	// the Z_FINISH write that zlibBuffer's end() makes.
	zlibChunk = 16 * 1024
)

// zlibError is what Node's zlib reports for bad input (lib/zlib.js zlibOnError).
func zlibError(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &sysError{message: "unexpected end of file", code: "Z_BUF_ERROR", errno: -5}
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, zlib.ErrHeader):
		return &sysError{message: "incorrect header check", code: "Z_DATA_ERROR", errno: -3}
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrChecksum):
		return &sysError{message: "incorrect data check", code: "Z_DATA_ERROR", errno: -3}
	}
	var corrupt flate.CorruptInputError
	if errors.As(err, &corrupt) {
		return &sysError{message: "invalid stored block lengths", code: "Z_DATA_ERROR", errno: -3}
	}
	return &sysError{message: err.Error(), code: "Z_DATA_ERROR", errno: -3}
}

// zlibProcess compresses or decompresses all of data at once.
func zlibProcess(mode string, data []byte, level int) ([]byte, error) {
	var out bytes.Buffer
	compress := func(w io.WriteCloser, err error) ([]byte, error) {
		if err != nil {
			return nil, err
		}
		w.Write(data)
		w.Close()
		return out.Bytes(), nil
	}
	inflate := func(rd io.Reader, err error) ([]byte, error) {
		if err != nil {
			return nil, zlibError(err)
		}
		if _, err := io.Copy(&out, rd); err != nil {
			return nil, zlibError(err)
		}
		return out.Bytes(), nil
	}
	switch mode {
	case "gzip":
		w, err := gzip.NewWriterLevel(&out, level)
		if err == nil {
			w.Header.OS = 3 // Unix, as zlib writes on Linux
		}
		return compress(w, err)
	case "deflate":
		return compress(zlib.NewWriterLevel(&out, level))
	case "deflateRaw":
		return compress(flate.NewWriter(&out, level))
	case "gunzip":
		if len(data) > 0 && data[0] != 0x1f || len(data) > 1 && data[1] != 0x8b {
			return nil, zlibError(gzip.ErrHeader) // zlib checks the magic before it wants more input
		}
		return inflate(gzip.NewReader(bytes.NewReader(data)))
	case "inflate":
		return inflate(zlib.NewReader(bytes.NewReader(data)))
	case "inflateRaw":
		return inflate(flate.NewReader(bytes.NewReader(data)), nil)
	case "unzip":
		if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
			return inflate(gzip.NewReader(bytes.NewReader(data)))
		}
		return inflate(zlib.NewReader(bytes.NewReader(data)))
	}
	return nil, fmt.Errorf("unknown zlib mode %s", mode)
}

func zlibCost(mode string, in, out int) time.Duration {
	switch mode {
	case "gzip", "deflate", "deflateRaw":
		return zlibCostBase + perMB(in, zlibCostDeflatePerMB)
	}
	return zlibCostBase + perMB(out, zlibCostInflatePerMB)
}

func (r *Realm) zlibBinding() goja.Value {
	b := r.rt.NewObject()
	b.Set("callSite", func() string { return r.callSite() })
	// process(mode, data, level, req): the whole buffer. Synchronous without a request;
	// otherwise one pool job per 16 KiB of output, each submitted when the previous one
	// completes, as Node's zlib handle.write is called again while output remains, then the
	// finishing write. The real work happens in the first job; the modeled cost is spread
	// over the writes that move data.
	b.Set("process", func(c goja.FunctionCall) goja.Value {
		mode := c.Argument(0).String()
		data, _ := bytesArg(c.Argument(1))
		data = append([]byte(nil), data...)
		level := int(c.Argument(2).ToInteger())
		if level < -1 || level > 9 {
			level = -1
		}
		req := c.Argument(3)
		o, async := req.(*goja.Object)
		if !async {
			return r.hostCall(req, "zlib."+mode+"Sync", func() (any, time.Duration, error) {
				out, err := zlibProcess(mode, data, level)
				return out, zlibCost(mode, len(data), len(out)), err
			}, bufferResult)
		}
		label := o.Get("label").String()
		cb := o.Get("oncomplete")
		var out []byte
		var opErr error
		jobs, total := 1, time.Duration(0)
		var step func(i int)
		step = func(i int) {
			// "zlib.gzip 3 MiB, main.js:4" becomes "zlib.gzip 3 MiB write 1, main.js:4".
			base, site := label, ""
			if k := strings.LastIndex(label, ", "); k >= 0 {
				base, site = label[:k], label[k:]
			}
			what := fmt.Sprintf("%s write %d%s", base, i, site)
			if i > 1 && i == jobs {
				what = base + " finish" + site
			}
			r.submitJob(what, func() time.Duration {
				if i == 1 {
					out, opErr = zlibProcess(mode, data, level)
					if opErr == nil {
						jobs = max(1, (len(out)+zlibChunk-1)/zlibChunk) + 1
					}
					total = zlibCost(mode, len(data), len(out))
				}
				if i == jobs {
					return zlibCostBase
				}
				return total / time.Duration(jobs-1)
			}, func() call {
				switch {
				case opErr != nil:
					return call{fn: cb, this: o, args: []goja.Value{r.jsError(opErr)}}
				case i < jobs:
					step(i + 1)
					return call{}
				}
				return call{fn: cb, this: o, args: []goja.Value{goja.Null(), r.newBuffer(out)}}
			})
		}
		step(1)
		return goja.Undefined()
	})
	return b
}
