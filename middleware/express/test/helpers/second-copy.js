'use strict';
// A second, independent copy of this package in the same process, as an app gets when two
// of its dependencies each bring their own @droplets/express: its modules are loaded
// afresh (its own classes, its own private symbols), then the module cache is put back so
// that `require('..')` elsewhere still returns the first copy.
const path = require('node:path');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

function ownModule(file) {
  return file.startsWith(PACKAGE_ROOT + path.sep) && !file.slice(PACKAGE_ROOT.length).split(path.sep).includes('node_modules') && !file.includes(`${path.sep}test${path.sep}`);
}

function loadSecondCopy() {
  const saved = new Map();
  for (const file of Object.keys(require.cache)) {
    if (ownModule(file)) {
      saved.set(file, require.cache[file]);
      delete require.cache[file];
    }
  }
  try {
    return require(PACKAGE_ROOT);
  } finally {
    for (const file of Object.keys(require.cache)) if (ownModule(file)) delete require.cache[file];
    for (const [file, mod] of saved) require.cache[file] = mod;
  }
}

module.exports = { loadSecondCopy };
