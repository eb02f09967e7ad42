package node

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/pbkdf2"
	cryptorand "crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding"
	"encoding/binary"
	"hash"
	"math/bits"
	"math/rand"
	"sort"
	"time"

	"github.com/dop251/goja"
)

// internalBinding('crypto'): digests, HMAC, key derivation and random bytes for
// lib/crypto.js. Results are real (Go's crypto packages); the pool jobs' durations are
// modeled from measurements of Node 20 on the reference machine (docs/cost-model.md).
func init() {
	bindings["crypto"] = (*Realm).cryptoBinding
}

// digests are the algorithms createHash, createHmac and pbkdf2 accept, with the modeled
// cost of one PBKDF2 iteration per output block of the digest's size, measured with
// pbkdf2Sync in Node 20 on the reference machine (best of 3, 100000 iterations): sha512 and
// sha384 65 ms, sha256 24.5 ms, sha1 26.7 ms, md5 35 ms. So pbkdf2 of 300000 sha512
// iterations takes 195 ms, as real Node's does there (196 ms async, 195 ms sync).
var digests = map[string]struct {
	new     func() hash.Hash
	perIter time.Duration
}{
	"md5":    {md5.New, 350 * time.Nanosecond},
	"sha1":   {sha1.New, 267 * time.Nanosecond},
	"sha224": {sha256.New224, 245 * time.Nanosecond},
	"sha256": {sha256.New, 245 * time.Nanosecond},
	"sha384": {sha512.New384, 650 * time.Nanosecond},
	"sha512": {sha512.New, 650 * time.Nanosecond},
}

// Aliases Node (OpenSSL) accepts for the same digests.
var digestAliases = map[string]string{
	"rsa-md5": "md5", "rsa-sha1": "sha1", "sha-1": "sha1", "rsa-sha256": "sha256", "sha-256": "sha256",
	"rsa-sha384": "sha384", "sha-384": "sha384", "rsa-sha512": "sha512", "sha-512": "sha512",
	"sha-224": "sha224", "rsa-sha224": "sha224",
}

func lookupDigest(name string) (string, bool) {
	n := toLowerASCII(name)
	if a, ok := digestAliases[n]; ok {
		n = a
	}
	_, ok := digests[n]
	return n, ok
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// Modeled costs of the other crypto jobs.
const (
	cryptoCostBase        = 20 * time.Microsecond  // a job's fixed part (hand-off, setup)
	cryptoCostRandomPerMB = 400 * time.Microsecond // randomBytes: 0.4 ms per MiB
	cryptoCostScryptPerNr = 350 * time.Nanosecond  // scrypt: per unit of N×r×p (defaults N=16384, r=8, p=1: 46 ms)
)

func (r *Realm) cryptoBinding() goja.Value {
	b := r.rt.NewObject()
	var random func([]byte)
	if r.proc.cfg.Deterministic {
		src := rand.New(rand.NewSource(int64(r.proc.PID)))
		random = func(p []byte) { src.Read(p) }
	} else {
		random = func(p []byte) { cryptorand.Read(p) }
	}

	names := make([]string, 0, len(digests))
	for n := range digests {
		names = append(names, n)
	}
	sort.Strings(names)
	b.Set("hashes", names)
	b.Set("callSite", func() string { return r.callSite() })

	// newHash(alg) and newHmac(alg, key) return a handle with update(bytes) and digest().
	var handle func(h hash.Hash) goja.Value
	handle = func(h hash.Hash) goja.Value {
		o := r.rt.NewObject()
		o.Set("copy", func() goja.Value {
			// Go's digests save and restore their state; hash.copy() needs nothing more.
			m, ok := h.(encoding.BinaryMarshaler)
			if !ok {
				return goja.Undefined()
			}
			state, _ := m.MarshalBinary()
			for _, d := range digests {
				c := d.new()
				if u, ok := c.(encoding.BinaryUnmarshaler); ok && u.UnmarshalBinary(state) == nil {
					return handle(c)
				}
			}
			return goja.Undefined()
		})
		o.Set("update", func(c goja.FunctionCall) goja.Value {
			data, _ := bytesArg(c.Argument(0))
			h.Write(data)
			return goja.Undefined()
		})
		o.Set("digest", func() goja.Value { return r.newBuffer(h.Sum(nil)) })
		return r.nameNatives(o)
	}
	b.Set("newHash", func(alg string) goja.Value {
		name, ok := lookupDigest(alg)
		if !ok {
			panic(r.newError("Error", "Digest method not supported"))
		}
		return handle(digests[name].new())
	})
	b.Set("newHmac", func(c goja.FunctionCall) goja.Value {
		name, ok := lookupDigest(c.Argument(0).String())
		if !ok {
			panic(r.typeError("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: "+c.Argument(0).String()))
		}
		key, _ := bytesArg(c.Argument(1))
		return handle(hmac.New(digests[name].new, append([]byte(nil), key...)))
	})
	b.Set("hasDigest", func(alg string) bool { _, ok := lookupDigest(alg); return ok })

	// pbkdf2(password, salt, iterations, keylen, digest, req); see deriveAsync.
	b.Set("pbkdf2", func(c goja.FunctionCall) goja.Value {
		pw, _ := bytesArg(c.Argument(0))
		salt, _ := bytesArg(c.Argument(1))
		iter, keylen := int(c.Argument(2).ToInteger()), int(c.Argument(3).ToInteger())
		name, _ := lookupDigest(c.Argument(4).String())
		d := digests[name]
		pw, salt = append([]byte(nil), pw...), append([]byte(nil), salt...)
		blocks := (keylen + d.new().Size() - 1) / d.new().Size()
		cost := cryptoCostBase + time.Duration(iter*max(blocks, 1))*d.perIter
		derive := func() ([]byte, error) {
			if keylen == 0 {
				return []byte{}, nil
			}
			return pbkdf2.Key(d.new, string(pw), salt, iter, keylen)
		}
		req := c.Argument(5)
		if obj, async := req.(*goja.Object); async {
			done := deriveAsync(obj, keylen, func() []byte {
				key, _ := derive()
				return key
			})
			return r.hostCall(req, "crypto.pbkdf2", func() (any, time.Duration, error) { return <-done, cost, nil }, bufferResult)
		}
		return r.hostCall(req, "crypto.pbkdf2Sync", func() (any, time.Duration, error) {
			key, err := derive()
			return key, cost, err
		}, bufferResult)
	})

	// scrypt(password, salt, keylen, N, r, p, req), RFC 7914.
	b.Set("scrypt", func(c goja.FunctionCall) goja.Value {
		pw, _ := bytesArg(c.Argument(0))
		salt, _ := bytesArg(c.Argument(1))
		keylen := int(c.Argument(2).ToInteger())
		n, rr, p := int(c.Argument(3).ToInteger()), int(c.Argument(4).ToInteger()), int(c.Argument(5).ToInteger())
		pw, salt = append([]byte(nil), pw...), append([]byte(nil), salt...)
		// ROMix needs 128·N·r bytes; where OpenSSL's malloc would fail (a maxmem that lets
		// N = 2**30 through), Node throws this error, without a code.
		if need := 128 * float64(n) * float64(rr); need > 1<<50 || !r.proc.canAllocate(int64(need)) {
			panic(r.newError("Error", "error:030C0100:digital envelope routines::malloc failure"))
		}
		cost := cryptoCostBase + time.Duration(n*rr*p)*cryptoCostScryptPerNr
		req := c.Argument(6)
		if obj, async := req.(*goja.Object); async {
			done := deriveAsync(obj, keylen, func() []byte { return scryptKey(pw, salt, n, rr, p, keylen) })
			return r.hostCall(req, "crypto.scrypt", func() (any, time.Duration, error) { return <-done, cost, nil }, bufferResult)
		}
		return r.hostCall(req, "crypto.scryptSync", func() (any, time.Duration, error) {
			return scryptKey(pw, salt, n, rr, p, keylen), cost, nil
		}, bufferResult)
	})

	// randomFill(buffer, offset, size, req): fills the buffer's own memory, as Node's job does.
	b.Set("randomFill", func(c goja.FunctionCall) goja.Value {
		buf, _ := bytesArg(c.Argument(0))
		off, size := int(c.Argument(1).ToInteger()), int(c.Argument(2).ToInteger())
		if off < 0 || size < 0 || off+size > len(buf) {
			panic(r.rangeError("ERR_OUT_OF_RANGE", `The value of "size" is out of range.`))
		}
		cost := cryptoCostBase + perMB(size, cryptoCostRandomPerMB)
		return r.hostCall(c.Argument(3), "crypto.randomFillSync", func() (any, time.Duration, error) {
			random(buf[off : off+size])
			return nil, cost, nil
		}, plainResult)
	})
	// randomBytesNow fills a buffer without a request: randomUUID and randomInt use Node's
	// cached entropy pool, which costs nothing worth modeling.
	b.Set("randomBytesNow", func(size int) goja.Value {
		p := make([]byte, size)
		random(p)
		return r.newBuffer(p)
	})
	return b
}

// scryptKey derives a key with scrypt (RFC 7914): PBKDF2-HMAC-SHA256 around ROMix, whose
// mixing function is BlockMix with the Salsa20/8 core.
func scryptKey(password, salt []byte, n, r, p, keyLen int) []byte {
	b, _ := pbkdf2.Key(sha256.New, string(password), salt, 1, p*128*r)
	x := make([]uint32, 32*r)
	v := make([]uint32, 32*r*n)
	y := make([]uint32, 32*r)
	for i := 0; i < p; i++ {
		block := b[i*128*r : (i+1)*128*r]
		for j := range x {
			x[j] = binary.LittleEndian.Uint32(block[j*4:])
		}
		for k := 0; k < n; k++ {
			copy(v[k*32*r:], x)
			blockMix(x, y, r)
		}
		for k := 0; k < n; k++ {
			j := int(x[(2*r-1)*16] & uint32(n-1))
			for m := range x {
				x[m] ^= v[j*32*r+m]
			}
			blockMix(x, y, r)
		}
		for j := range x {
			binary.LittleEndian.PutUint32(block[j*4:], x[j])
		}
	}
	key, _ := pbkdf2.Key(sha256.New, string(password), b, 1, keyLen)
	return key
}

// blockMix is scryptBlockMix: b is 2r 64-byte blocks as words; tmp has b's size.
func blockMix(b, tmp []uint32, r int) {
	var x [16]uint32
	copy(x[:], b[(2*r-1)*16:])
	for i := 0; i < 2*r; i++ {
		for j := range x {
			x[j] ^= b[i*16+j]
		}
		salsa208(&x)
		// Even blocks go to the first half, odd ones to the second.
		dst := (i/2)*16 + (i%2)*r*16
		copy(tmp[dst:], x[:])
	}
	copy(b, tmp)
}

func salsa208(b *[16]uint32) {
	x := *b
	for i := 0; i < 8; i += 2 {
		x[4] ^= bits.RotateLeft32(x[0]+x[12], 7)
		x[8] ^= bits.RotateLeft32(x[4]+x[0], 9)
		x[12] ^= bits.RotateLeft32(x[8]+x[4], 13)
		x[0] ^= bits.RotateLeft32(x[12]+x[8], 18)
		x[9] ^= bits.RotateLeft32(x[5]+x[1], 7)
		x[13] ^= bits.RotateLeft32(x[9]+x[5], 9)
		x[1] ^= bits.RotateLeft32(x[13]+x[9], 13)
		x[5] ^= bits.RotateLeft32(x[1]+x[13], 18)
		x[14] ^= bits.RotateLeft32(x[10]+x[6], 7)
		x[2] ^= bits.RotateLeft32(x[14]+x[10], 9)
		x[6] ^= bits.RotateLeft32(x[2]+x[14], 13)
		x[10] ^= bits.RotateLeft32(x[6]+x[2], 18)
		x[3] ^= bits.RotateLeft32(x[15]+x[11], 7)
		x[7] ^= bits.RotateLeft32(x[3]+x[15], 9)
		x[11] ^= bits.RotateLeft32(x[7]+x[3], 13)
		x[15] ^= bits.RotateLeft32(x[11]+x[7], 18)
		x[1] ^= bits.RotateLeft32(x[0]+x[3], 7)
		x[2] ^= bits.RotateLeft32(x[1]+x[0], 9)
		x[3] ^= bits.RotateLeft32(x[2]+x[1], 13)
		x[0] ^= bits.RotateLeft32(x[3]+x[2], 18)
		x[6] ^= bits.RotateLeft32(x[5]+x[4], 7)
		x[7] ^= bits.RotateLeft32(x[6]+x[5], 9)
		x[4] ^= bits.RotateLeft32(x[7]+x[6], 13)
		x[5] ^= bits.RotateLeft32(x[4]+x[7], 18)
		x[11] ^= bits.RotateLeft32(x[10]+x[9], 7)
		x[8] ^= bits.RotateLeft32(x[11]+x[10], 9)
		x[9] ^= bits.RotateLeft32(x[8]+x[11], 13)
		x[10] ^= bits.RotateLeft32(x[9]+x[8], 18)
		x[12] ^= bits.RotateLeft32(x[15]+x[14], 7)
		x[13] ^= bits.RotateLeft32(x[12]+x[15], 9)
		x[14] ^= bits.RotateLeft32(x[13]+x[12], 13)
		x[15] ^= bits.RotateLeft32(x[14]+x[13], 18)
	}
	for i := range b {
		b[i] += x[i]
	}
}

// deriveAsync starts the derivation of a key for an asynchronous request on its own
// goroutine, so that the long jobs of a pool wave compute in parallel on the host; the job's
// Work waits for the result at the virtual time a pool thread picks the job up. A key that
// the callback cannot see (req.keyUnseen, see ignoresKey in lib/crypto.js) is not derived:
// zero bytes of its length stand in for it, and the job still takes its modeled time.
func deriveAsync(req *goja.Object, keylen int, derive func() []byte) <-chan []byte {
	done := make(chan []byte, 1)
	if req.Get("keyUnseen").ToBoolean() {
		done <- make([]byte, keylen)
		return done
	}
	go func() { done <- derive() }()
	return done
}
