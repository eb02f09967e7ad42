const o = {}; o.self = o;
try { JSON.stringify(o); } catch (e) { console.log(e.message.split('\n')[0]); }
try { null.foo; } catch (e) { console.log(e.message); }
try { undefined.foo(); } catch (e) { console.log(e.message); }
try { const x = 1; x = 2; } catch (e) { console.log(e.message); }
try { ({}).f(); } catch (e) { console.log(e.message); }
try { new (class A { #p; static t(o) { return o.#p; } }).t({}); } catch (e) { console.log(e.constructor.name); }
try { [].reduce((a, b) => a); } catch (e) { console.log(e.message); }
try { new Array(-1); } catch (e) { console.log(e.message); }
try { 'x'.repeat(-1); } catch (e) { console.log(e.message); }
try { BigInt(1.5); } catch (e) { console.log(e.message); }
try { Symbol() + ''; } catch (e) { console.log(e.message); }
try { let q = q2 + 1; let q2; } catch (e) { console.log(e.message); }
