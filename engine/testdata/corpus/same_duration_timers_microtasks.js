setTimeout(() => {
  console.log('t1');
  Promise.resolve().then(() => console.log('p after t1'));
  process.nextTick(() => console.log('tick after t1'));
}, 10);
setTimeout(() => console.log('t2'), 10);
const i = setInterval(() => { console.log('interval'); clearInterval(i); }, 10);
