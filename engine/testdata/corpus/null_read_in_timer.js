function deep() { null.x; }
setTimeout(deep, 1);
