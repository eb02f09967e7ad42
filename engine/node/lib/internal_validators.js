'use strict';
// internal/validators: the argument checks the other lib/ modules share, after Node's
// lib/internal/validators.js (the errors are Node's, message for message). Not visible to user
// code, like internal/errors.

const { makeNodeError, invalidArgTypeMessage, outOfRangeMessage, inspectDefault } = require('internal/errors');

function invalidArgType(name, expected, value) {
  return makeNodeError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(name, expected, value, inspectDefault));
}

function outOfRange(name, range, value) {
  return makeNodeError(RangeError, 'ERR_OUT_OF_RANGE', outOfRangeMessage(name, range, value));
}

// Mirrors validateInteger: a safe integer within [min, max].
function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

// Mirrors validateInt32: the defaults are the limits of a 32-bit integer.
function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  validateInteger(value, name, min, max);
}

// Mirrors validateBuffer.
function validateBuffer(buffer, name = 'buffer') {
  if (!ArrayBuffer.isView(buffer)) {
    throw invalidArgType(name, 'an instance of Buffer, TypedArray, or DataView', buffer);
  }
}

// Mirrors validateObject with kValidateObjectAllowNullable: an object or null, not an array
// or function.
function validateNullableObject(value, name) {
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw invalidArgType(name, 'of type object', value);
  }
}

module.exports = { invalidArgType, outOfRange, validateInteger, validateInt32, validateBuffer, validateNullableObject };
