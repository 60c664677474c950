'use strict';
// `npm pack` / `npm publish`: the package must work outside this repository, where
// ../../droplets/ does not exist, so `prepack` copies the credential list it reads
// (droplets/contract/credentials.json, the one source, shared with the pii transform) into
// contract/, and `postpack` removes the copy again (contract/ is git-ignored). Inside the
// repository lib/credentials.js reads the source itself, never a copy.
const fs = require('node:fs');
const path = require('node:path');
const { REPOSITORY_FILE, PACKED_FILE } = require('../lib/credentials');

if (process.argv[2] === 'remove') {
  fs.rmSync(path.dirname(PACKED_FILE), { recursive: true, force: true });
} else {
  if (!fs.existsSync(REPOSITORY_FILE)) {
    console.error(`prepack: ${REPOSITORY_FILE} is missing: pack the package from a droplets checkout`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(PACKED_FILE), { recursive: true });
  fs.copyFileSync(REPOSITORY_FILE, PACKED_FILE);
}
