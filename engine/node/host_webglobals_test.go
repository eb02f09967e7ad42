package node_test

import "testing"

// The programs' expected output is real node v20.20.2's (fetch and crypto, which Looplab
// does not have, are left out of the list of enumerable globals).

// TestWebGlobals: AbortController and AbortSignal (abort, timeout on the virtual clock, any,
// onabort before the listeners added later), EventTarget with once, signal and handleEvent
// listeners, CustomEvent, DOMException codes, events.getEventListeners/getMaxListeners/
// setMaxListeners on an EventTarget, WeakRef and FinalizationRegistry, events.once rejecting
// a bad signal, and Node's order of the enumerable globals.
func TestWebGlobals(t *testing.T) {
	expectStdout(t, `
const ac = new AbortController();
const s = ac.signal;
s.onabort = (e) => console.log('onabort', e.type, e.isTrusted);
s.addEventListener('abort', (e) => console.log('listener', e.eventPhase, s.aborted));
ac.abort();
console.log(s.reason.name, s.reason.code, s.reason.message, s.reason instanceof Error, s.reason instanceof DOMException);
try { s.throwIfAborted(); } catch (e) { console.log('thrown', e.name); }
console.log(AbortSignal.abort('r').reason);
try { new AbortSignal() } catch (e) { console.log(e.code, e.message) }
const t = AbortSignal.timeout(50);
t.addEventListener('abort', () => console.log('timeout', t.reason.name, t.reason.message));
const any = AbortSignal.any([t, new AbortController().signal]);
any.onabort = () => console.log('any aborted', any.reason.name);
const et = new EventTarget();
et.addEventListener('x', { handleEvent(e) { console.log('handleEvent', e.type, this === obj); } });
const obj = null;
et.addEventListener('x', () => console.log('once'), { once: true });
const c2 = new AbortController();
et.addEventListener('x', () => console.log('signal listener'), { signal: c2.signal });
et.dispatchEvent(new Event('x'));
c2.abort();
et.dispatchEvent(new Event('x'));
console.log(new CustomEvent('c', { detail: 5 }).detail);
const e = new Event('y', { cancelable: true });
et.addEventListener('y', (ev) => ev.preventDefault());
console.log(et.dispatchEvent(e), e.defaultPrevented);
try { et.dispatchEvent({}) } catch (e) { console.log(e.code, e.message) }
try { new Event() } catch (e) { console.log(e.code, e.message) }
try { et.addEventListener('z') } catch (e) { console.log(e.code, e.message) }
console.log(new DOMException('m', 'DataCloneError').code, DOMException.ABORT_ERR, new DOMException('m').name);
console.log(Object.prototype.toString.call(s), String(new DOMException('x', 'AbortError')));
const { getEventListeners, getMaxListeners, setMaxListeners } = require('events');
console.log(getEventListeners(et, 'y').length, getMaxListeners(et)); setMaxListeners(3, et); console.log(getMaxListeners(et));
try { AbortSignal.timeout(-1) } catch (e) { console.log(e.code, e.message) }
console.log(ac, s);
console.log(Object.keys(globalThis).join(' '));
const r = new WeakRef(s); console.log(r.deref() === s, Object.prototype.toString.call(r));
try { new WeakRef(1) } catch (e) { console.log(e.message) }
const fr = new FinalizationRegistry(() => {}); const tok = {};
console.log(fr.register({}, 1, tok), fr.unregister(tok), fr.unregister(tok));
require('events').once(new (require('events'))(), 'foo', { signal: 1 }).catch((e) => console.log('rejects', e.code, e.message));
`, `
onabort abort true
listener 0 true
AbortError 20 This operation was aborted true true
thrown AbortError
r
ERR_ILLEGAL_CONSTRUCTOR Illegal constructor
handleEvent x false
once
signal listener
handleEvent x false
5
false true
ERR_INVALID_ARG_TYPE The "event" argument must be an instance of Event. Received an instance of Object
ERR_MISSING_ARGS The "type" argument must be specified
ERR_MISSING_ARGS The "type" and "listener" arguments must be specified
25 20 Error
[object AbortSignal] AbortError: x
1 10
3
ERR_OUT_OF_RANGE The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received -1
AbortController { signal: AbortSignal { aborted: true } } AbortSignal { aborted: true }
global clearImmediate setImmediate clearInterval clearTimeout setInterval setTimeout queueMicrotask structuredClone atob btoa performance
true [object WeakRef]
WeakRef: invalid target
undefined true false
rejects ERR_INVALID_ARG_TYPE The "options.signal" property must be an instance of AbortSignal. Received type number (1)
`)
}
