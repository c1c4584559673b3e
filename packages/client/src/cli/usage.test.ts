/**
 * `--help` against the parser's own tables: every option a command accepts is listed (and none it
 * rejects) and used in one of its examples, every example is a command line the parser accepts,
 * and every exit code is explained. A new option or exit code without help fails here.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  type CommandName,
  GLOBAL_OPTIONS,
  OPTIONS,
  type OptionName,
  optionsOf,
  parseInvocation,
} from './args.js';
import { EXIT, EXIT_MEANING } from './exit-codes.js';
import { examplesOf, helpFor, TOOL_HELP } from './usage.js';

/** The lines of `help` from the one starting with `title` to the next blank line. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  expect(start, `help has a "${title}" section`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** How an option may be written: `--name`, `--name=…`, and `-x` where it has a short form. */
function writes(arg: string, name: OptionName): boolean {
  const definition = OPTIONS[name];
  return (
    arg === `--${name}` ||
    arg.startsWith(`--${name}=`) ||
    ('short' in definition && arg === `-${definition.short}`)
  );
}

/**
 * The words an example passes to `temp-contents`: what follows it, up to a pipe, a `)`, a
 * redirection or a comment, with quotes removed (`"$id"` stays a placeholder word).
 */
function exampleArgs(line: string): string[] | undefined {
  const at = line.indexOf('temp-contents ');
  if (at === -1) return undefined;
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const ch of line.slice(at + 'temp-contents '.length)) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else word = (word ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if ('|)>#'.includes(ch)) {
      break;
    } else if (ch === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const commands = Object.keys(COMMANDS) as CommandName[];
const helps: [string, CommandName | undefined, readonly OptionName[], string][] = [
  ['temp-contents --help', undefined, GLOBAL_OPTIONS, 'Global options'],
  ...commands.map((command): [string, CommandName, readonly OptionName[], string] => [
    `temp-contents ${command} --help`,
    command,
    optionsOf(command),
    'Options:',
  ]),
];

describe.each(helps)('%s', (_name, command, options, optionsTitle) => {
  const help = helpFor(command);
  const examples = examplesOf(command)
    .map(exampleArgs)
    .filter((args): args is string[] => args !== undefined);

  it('lists exactly the options the parser accepts, short forms included', () => {
    const listed = section(help, optionsTitle).map((row) => {
      const match = /^ {2}(?:-(\w), | {4})--([a-z-]+)\b/.exec(row);
      expect(match, `option row "${row}"`).not.toBeNull();
      return { short: match?.[1], name: match?.[2] };
    });
    expect(listed.map((o) => o.name).sort()).toEqual([...options].sort());
    for (const { short, name } of listed) {
      const definition = OPTIONS[name as OptionName];
      expect(short, `short form of --${name}`).toBe(
        'short' in definition ? definition.short : undefined,
      );
    }
  });

  it.each(options)('has an example using --%s', (option) => {
    expect(examples.some((args) => args.some((arg) => writes(arg, option)))).toBe(true);
  });

  it('has examples the parser accepts, each for this command', () => {
    expect(examples.length).toBeGreaterThan(1);
    for (const args of examples) {
      const parsed = parseInvocation(args);
      if (command !== undefined) expect(parsed.command).toBe(command);
    }
  });

  it('names TC_URL and TC_TOKEN and explains every exit code', () => {
    expect(section(help, 'Environment:').join('\n')).toMatch(
      /TC_URL .*--url[\s\S]*TC_TOKEN .*--token/,
    );
    const exits = section(help, 'Exit codes:');
    expect(exits).toHaveLength(Object.keys(EXIT).length);
    for (const [name, code] of Object.entries(EXIT)) {
      const { label } = EXIT_MEANING[name as keyof typeof EXIT];
      expect(exits).toContainEqual(expect.stringMatching(new RegExp(`^ {2}${code} +${label}\\b`)));
    }
  });
});

describe('temp-contents --help', () => {
  it.each(commands)('lists the %s command with its arguments', (command) => {
    const positionals = COMMANDS[command].positionals.map((p) => ` <${p}>`).join('');
    expect(section(TOOL_HELP, 'Commands:')).toContainEqual(
      expect.stringMatching(new RegExp(`^ {2}${command}${positionals} +\\S`)),
    );
  });

  it('is the text the package README shows', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`text\n${TOOL_HELP}\`\`\``);
  });
});
