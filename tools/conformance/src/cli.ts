#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EXIT, parseCommand, USAGE, UsageError } from './options/cli-options.js';
import { reportJson } from './report/json-writer.js';
import { junitXml } from './report/junit-writer.js';
import { progressLine, summaryTable } from './report/summary-table.js';
import { runConformance } from './run/run-conformance.js';
import { setupSchemathesis } from './setup/setup-schemathesis.js';

async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`temp-contents-conformance: ${error.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command.kind === 'setup') {
    return setupSchemathesis({
      python: command.python,
      log: (line) => process.stdout.write(`${line}\n`),
    });
  }
  const report = await runConformance({
    ...command.options,
    onCheck: (check) => process.stdout.write(`${progressLine(check)}\n`),
    onNote: (note) => process.stdout.write(`== ${note}\n`),
  });
  process.stdout.write(`\n${summaryTable(report)}\n`);
  for (const [file, text] of [
    [command.junit, junitXml(report)],
    [command.json, reportJson(report)],
  ] as const) {
    if (!file) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
  return report.ok ? EXIT.ok : EXIT.checkFailed;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `temp-contents-conformance: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = EXIT.internal;
  },
);
