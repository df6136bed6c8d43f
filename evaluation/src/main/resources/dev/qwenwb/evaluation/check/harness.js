// The workbench's harness for node-tests (run by CodeTestCheck as: node qwb_harness.js, beside main_test.js).
//
// A pass must mean the tests ran to their end. main_test.js (prepend + the answer + the tests in an async
// function) leaves the tests' promise under Symbol.for('qwb.tests'); this file writes "passed NONCE" into
// .qwb-outcome only after that promise resolved, "failed NONCE" when the code or the tests threw, and nothing
// when the code exited early (process.exit(0)). NONCE is random per run, read from .qwb-nonce, which is deleted
// before the answer runs. Not proof against code written to search this harness's memory (docs/SECURITY.md).
'use strict';
const fs = require('fs');
const path = require('path');
const write = ((nonce, file) => (word) => fs.writeFileSync(file, word + ' ' + nonce))(
  (() => {
    const n = fs.readFileSync('.qwb-nonce', 'utf8').trim();
    fs.unlinkSync('.qwb-nonce');
    return n;
  })(),
  path.resolve('.qwb-outcome'));
const fail = (e) => {
  write('failed');
  console.error('FAIL: ' + (e && e.message ? e.message : String(e)));
  process.exit(1);
};
let tests;
try {
  require('./main_test.js');
  tests = globalThis[Symbol.for('qwb.tests')];
} catch (e) {
  fail(e);
}
if (!(tests instanceof Promise)) {
  console.error('the tests did not start');
  process.exit(1);
}
tests.then(() => {
  write('passed');
  process.exit(0);
}, fail);
