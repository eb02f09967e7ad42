'use strict';
// path/posix is path.posix, as in Node.js 20.
module.exports = require('path').posix;
