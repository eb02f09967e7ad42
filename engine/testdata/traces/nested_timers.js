// A timer that schedules an immediate and another timer: the immediate runs first.
setTimeout(() => {
  console.log('outer timer');
  setTimeout(() => console.log('inner timer'), 0);
  setImmediate(() => console.log('immediate'));
}, 1);
