// Share links carry a program in the URL fragment as base64url JSON: {v, lang, code, options}.
// Decoding checks every field's type and keeps only known fields; the result is only ever put
// into the editor and into text nodes, never parsed as markup.

function b64url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function encodeShare({ lang, code, options }) {
  return `p=${b64url(new TextEncoder().encode(JSON.stringify({ v: 1, lang, code, options })))}`;
}

const isStr = (x) => typeof x === 'string';
const isInt = (x, lo, hi) => Number.isInteger(x) && x >= lo && x <= hi;

// decodeShare returns a block, or null if the fragment is not a valid share.
export function decodeShare(fragment) {
  const m = /^#?p=([A-Za-z0-9_-]+)$/.exec(fragment);
  if (!m) return null;
  let d;
  try {
    d = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(unb64url(m[1])));
  } catch {
    return null;
  }
  if (!d || d.v !== 1 || !isStr(d.code) || !['js', 'mjs'].includes(d.lang)) return null;
  const o = d.options && typeof d.options === 'object' ? d.options : {};
  const options = {};
  if (isInt(o.cores, 1, 64)) options.cores = o.cores;
  if (o.env && typeof o.env === 'object') {
    options.env = Object.fromEntries(Object.entries(o.env).filter(([k, v]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && isStr(v)));
  }
  if (Array.isArray(o.files)) {
    options.files = o.files.filter((f) => f && /^[\w.-]+$/.test(f.name) && (isInt(f.size, 1, 2 ** 30) || isStr(f.content)))
      .map((f) => (isInt(f.size, 1, 2 ** 30) ? { name: f.name, size: f.size } : { name: f.name, content: f.content }));
  }
  return { lang: d.lang, code: d.code, options };
}
