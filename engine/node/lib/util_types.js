'use strict';

// node:util/types is util.types.
module.exports = require('util').types;
