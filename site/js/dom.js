// h builds an element. Children are nodes or strings; strings always become text nodes, so no
// data (a lesson's output, a shared program) is ever parsed as markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

// svg builds an SVG element, the same way.
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  el.append(...children.flat());
  return el;
}

// keyed updates a list in place: items whose key was already shown keep their element, new
// ones are created by make() and marked so CSS can animate their arrival.
export function keyed(parent, items, key, make, update = () => {}) {
  const old = new Map([...parent.children].map((c) => [c.dataset.key, c]));
  const next = items.map((item) => {
    const k = String(key(item));
    let el = old.get(k);
    if (el) {
      el.classList.remove('enter');
    } else {
      el = make(item);
      el.dataset.key = k;
      el.classList.add('enter');
    }
    update(el, item);
    return el;
  });
  parent.replaceChildren(...next);
}
