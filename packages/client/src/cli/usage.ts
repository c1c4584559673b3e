/**
 * `--help`: rendered from the parser's own tables (args.ts), so every option a command accepts
 * is listed, and from `EXIT_MEANING`, so every exit code is. What is written by hand here is the
 * prose and the examples; usage.test.ts checks that each option appears in an example of every
 * command that takes it, and that each example parses.
 */
import {
  COMMANDS,
  type CommandName,
  GLOBAL_OPTIONS,
  OPTIONS,
  type OptionName,
  optionsOf,
} from './args.js';
import { EXIT, EXIT_MEANING } from './exit-codes.js';

/** How each option is shown: its value's placeholder and what it does. Every option needs one. */
const OPTION_HELP: Record<OptionName, { value?: string; text: string }> = {
  url: { value: 'URL', text: 'Server base URL, e.g. http://127.0.0.1:8080 (default: $TC_URL)' },
  token: { value: 'TOKEN', text: 'Bearer token (default: $TC_TOKEN)' },
  json: { text: 'Print exactly one JSON object on stdout (result or error), no progress bar' },
  help: { text: 'Show help and exit' },
  ttl: { value: 'SECONDS', text: 'Time-to-live, 1..259200 (server default 3600)' },
  name: { value: 'NAME', text: "Stored file name (default: the file's base name)" },
  resumable: { text: 'Always use a resumable tus upload, whatever the size' },
  'chunk-size': {
    value: 'BYTES',
    text: 'Bytes per tus PATCH, e.g. 1048576, 512k, 8M (default 8M)',
  },
  parallel: {
    value: 'N',
    text: 'Send the file as N tus partial uploads at once, then concatenated (1..16; a file, not stdin)',
  },
  checksum: {
    text: 'Require tus checksums: every PATCH carries Upload-Checksum (sha256, else sha1) and a damaged chunk is sent again; fails if the server offers none (default: used whenever offered)',
  },
  'no-checksum': { text: 'Never send tus checksums' },
  output: { value: 'FILE', text: 'Write to FILE instead of stdout; a partial FILE is continued' },
  range: {
    value: 'A-B',
    text: 'Only bytes A..B (inclusive); also A- (from A) and --range=-N (last N)',
  },
};

interface CommandHelp {
  /** One line, for the list of commands. */
  summary: string;
  /** What the command does, a few lines. */
  description: string;
  /** Shell lines; together they use every option the command takes. */
  examples: string[];
}

const COMMAND_TEXT: Record<CommandName, CommandHelp> = {
  upload: {
    summary: 'Upload a file (one POST when small, tus when large or --resumable)',
    description: `Uploads <file> ("-" reads stdin). Files up to 8 MiB go as one POST; larger ones, stdin of
unknown length, and --resumable uploads use tus. Prints the new content's id on stdout.`,
    examples: [
      'temp-contents upload ./report.csv  # prints the id',
      'temp-contents upload ./big.iso --ttl 86400 --name backup.iso',
      'temp-contents upload ./big.iso --resumable --chunk-size 16M',
      'temp-contents upload ./big.iso --parallel 4  # 4 partial uploads at once',
      'temp-contents upload ./big.iso --resumable --checksum  # every chunk verified',
      'temp-contents upload ./a.bin --resumable --no-checksum',
      'tar c ./logs | temp-contents upload - --name logs.tar',
      'temp-contents upload ./a.bin --url https://files.example.com --token "$TOKEN" --json',
      'temp-contents upload --help',
    ],
  },
  resume: {
    summary: 'Continue an interrupted tus upload from its URL',
    description: `Continues the tus upload at <url> (printed when an upload is interrupted) with <file>, which
must hold the same bytes as the first time. Only the bytes the server lacks are sent. An
interrupted --parallel upload prints its partial uploads' URLs joined by commas as <url>.`,
    examples: [
      'temp-contents resume "$UPLOAD_URL" ./big.iso',
      'temp-contents resume "$UPLOAD_URL" ./big.iso --chunk-size 16M --json',
      'temp-contents resume "$UPLOAD_URL" ./big.iso --checksum',
      'temp-contents resume "$UPLOAD_URL" ./big.iso --no-checksum',
      'temp-contents resume "$UPLOAD_URL" ./big.iso --url https://files.example.com --token "$TOKEN"',
      'temp-contents resume --help',
    ],
  },
  download: {
    summary: 'Download a content (to stdout, or to a file with -o, resuming it)',
    description: `Downloads content <id> to stdout, or to FILE with -o. An existing partial FILE is continued
from its size (Range + If-Range) and the result's size is checked. --json needs -o.`,
    examples: [
      'temp-contents download "$id" -o big.iso    # run again after a failure: it resumes',
      'temp-contents download "$id" --output big.iso --json',
      'temp-contents download "$id" --range 0-1023 | xxd | head',
      'temp-contents download "$id" --range=-100  # the last 100 bytes',
      'temp-contents download "$id" --url https://files.example.com --token "$TOKEN" | sha256sum',
      'temp-contents download --help',
    ],
  },
  details: {
    summary: "Show a content's details",
    description: `Prints the details of content <id>: ID, Name, Size, Expires, CreatedAt, UpdatedAt,
CreatorID, TTLSeconds, one "Key: value" line each.`,
    examples: [
      'temp-contents details "$id"',
      'temp-contents details "$id" --json | jq -r .details.Size',
      'temp-contents details "$id" --url https://files.example.com --token "$TOKEN"',
      'temp-contents details --help',
    ],
  },
};

const TOOL_EXAMPLES = [
  'export TC_URL=http://127.0.0.1:8080 TC_TOKEN=...',
  'id=$(temp-contents upload ./big.iso --ttl 3600)  # prints the id on stdout',
  'temp-contents details "$id"',
  'temp-contents download "$id" -o big.iso          # run again after a failure: it resumes',
  'temp-contents details "$id" --json --url https://files.example.com --token "$TOKEN"',
  'temp-contents upload --help',
];

const ENVIRONMENT = `Environment:
  TC_URL    server base URL, when --url is not given
  TC_TOKEN  bearer token, when --token is not given`;

/** Two columns, the first padded to the widest entry. */
function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

function optionRows(names: readonly OptionName[]): [string, string][] {
  return names.map((name) => {
    const definition = OPTIONS[name];
    const { value, text } = OPTION_HELP[name];
    const short = 'short' in definition ? `-${definition.short}, ` : '    ';
    return [`${short}--${name}${value ? ` ${value}` : ''}`, text];
  });
}

function exitCodes(): string {
  const rows = (Object.keys(EXIT) as (keyof typeof EXIT)[]).map((name): [string, string] => {
    const { label, detail } = EXIT_MEANING[name];
    return [String(EXIT[name]), detail ? `${label}: ${detail}` : label];
  });
  return `Exit codes:\n${table(rows)}`;
}

function examples(lines: readonly string[]): string {
  return `Examples:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

/** `upload <file>`: the command and its positional arguments. */
function synopsis(command: CommandName): string {
  return [command, ...COMMANDS[command].positionals.map((p) => `<${p}>`)].join(' ');
}

export const TOOL_HELP = `temp-contents - upload, download and inspect temporary contents

Usage:
  temp-contents <command> [options]
  temp-contents <command> --help     every option of a command, with examples

Commands:
${table((Object.keys(COMMANDS) as CommandName[]).map((c) => [synopsis(c), COMMAND_TEXT[c].summary]))}

Global options (every command takes them):
${table(optionRows(GLOBAL_OPTIONS))}

${ENVIRONMENT}

${examples(TOOL_EXAMPLES)}

${exitCodes()}
`;

export const COMMAND_HELP: Record<CommandName, string> = Object.fromEntries(
  (Object.keys(COMMANDS) as CommandName[]).map((command) => [
    command,
    `Usage: temp-contents ${synopsis(command)} [options]

${COMMAND_TEXT[command].description}

Options:
${table(optionRows(optionsOf(command)))}

${ENVIRONMENT}

${examples(COMMAND_TEXT[command].examples)}

${exitCodes()}
`,
  ]),
) as Record<CommandName, string>;

/** The examples of a command's help, or of the tool's help (for tests). */
export function examplesOf(command: CommandName | undefined): readonly string[] {
  return command === undefined ? TOOL_EXAMPLES : COMMAND_TEXT[command].examples;
}

export function helpFor(command: CommandName | undefined): string {
  return command === undefined ? TOOL_HELP : COMMAND_HELP[command];
}
