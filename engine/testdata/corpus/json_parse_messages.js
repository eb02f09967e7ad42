for (const s of ['{"a":1} x', '{"a" 1}', '{"a":1 "b":2}', '"\u0001"', '"\\q"', 'nul', '[1,]', '{"key": "a long value here", oops}', 'tru', '{"a":1,', '  ', '12a']) {
  try { JSON.parse(s); console.log('ok', s); } catch (e) { console.log(e.message); }
}
for (const s of ['[1, 2', '{"a":1', '{"a"', '{', '[', '"abc', '{"a":', '[1,', '{"a":[1,2', '']) {
  try { JSON.parse(s); console.log('ok', s); } catch (e) { console.log(JSON.stringify(s), e.message); }
}
