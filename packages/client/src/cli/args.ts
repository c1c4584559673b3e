/**
 * Command-line parsing with `node:util` parseArgs: one strict option table, checked per command.
 * The tables are exported: `--help` (usage.ts) is rendered from them, so it lists exactly the
 * options the parser accepts.
 */
import { parseArgs } from 'node:util';
import { type ByteRange, parseRangeArgument } from '../download/content-range.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ttl: { type: 'string' },
  name: { type: 'string' },
  resumable: { type: 'boolean' },
  'chunk-size': { type: 'string' },
  parallel: { type: 'string' },
  checksum: { type: 'boolean' },
  'no-checksum': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  range: { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTIONS;
/** Most partial uploads `--parallel` starts at once. */
export const MAX_PARALLEL = 16;
/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['url', 'token', 'json', 'help'];

/** Options each command accepts besides the global ones, and its positional arguments. */
export const COMMANDS = {
  upload: {
    options: ['ttl', 'name', 'resumable', 'chunk-size', 'parallel', 'checksum', 'no-checksum'],
    positionals: ['file'],
  },
  resume: { options: ['chunk-size', 'checksum', 'no-checksum'], positionals: ['url', 'file'] },
  download: { options: ['output', 'range'], positionals: ['id'] },
  details: { options: [], positionals: ['id'] },
} as const satisfies Record<
  string,
  { options: readonly OptionName[]; positionals: readonly string[] }
>;

export type CommandName = keyof typeof COMMANDS;

/** Every option `command` accepts: its own, then the global ones. */
export function optionsOf(command: CommandName): OptionName[] {
  return [...COMMANDS[command].options, ...GLOBAL_OPTIONS];
}

export interface Invocation {
  command: CommandName | undefined;
  help: boolean;
  json: boolean;
  url: string | undefined;
  token: string | undefined;
  args: string[];
  ttl: number | undefined;
  name: string | undefined;
  resumable: boolean;
  chunkSize: number | undefined;
  /** Partial uploads sent at once (tus concatenation). */
  parallel: number | undefined;
  /** tus checksums: true = required (--checksum), false = off (--no-checksum), else if offered. */
  checksum: boolean | undefined;
  output: string | undefined;
  range: ByteRange | undefined;
}

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** `1048576`, `512k`, `8M`, `1G` (binary multiples). */
export function parseByteCount(text: string): number | undefined {
  const match = /^(\d+)([kmg]?)(i?b)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1;
  const value = Number(match[1]) * unit;
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** Parses `argv` (without node and script). Throws `UsageError`. */
export function parseInvocation(argv: readonly string[]): Invocation {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const command = argv.find((a) => !a.startsWith('-'));
    throw new UsageError((error as Error).message, isCommand(command) ? command : undefined);
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  const help = values.help === true;
  if (name !== undefined && !isCommand(name)) {
    throw new UsageError(`unknown command "${name}"`);
  }
  const invocation: Invocation = {
    command: name,
    help,
    json: values.json === true,
    url: values.url,
    token: values.token,
    args,
    ttl: undefined,
    name: values.name,
    resumable: values.resumable === true,
    chunkSize: undefined,
    parallel: undefined,
    checksum: values.checksum === true ? true : values['no-checksum'] === true ? false : undefined,
    output: values.output,
    range: undefined,
  };
  if (!name || help) return invocation;

  const spec = COMMANDS[name];
  const allowed = new Set<string>(optionsOf(name));
  for (const option of Object.keys(values)) {
    if (!allowed.has(option)) throw new UsageError(`${name} does not take --${option}`, name);
  }
  if (args.length !== spec.positionals.length) {
    const want = spec.positionals.map((p) => `<${p}>`).join(' ');
    throw new UsageError(
      `${name} takes ${want}, got ${args.length} argument${args.length === 1 ? '' : 's'}`,
      name,
    );
  }
  if (values.checksum === true && values['no-checksum'] === true) {
    throw new UsageError('--checksum and --no-checksum exclude each other', name);
  }
  if (values.ttl !== undefined) {
    if (!/^\d+$/.test(values.ttl)) {
      throw new UsageError(`--ttl must be a whole number of seconds, got "${values.ttl}"`, name);
    }
    invocation.ttl = Number(values.ttl);
  }
  if (values['chunk-size'] !== undefined) {
    const size = parseByteCount(values['chunk-size']);
    if (size === undefined) {
      throw new UsageError(
        `--chunk-size must be a positive byte count (e.g. 1048576, 512k, 8M), got "${values['chunk-size']}"`,
        name,
      );
    }
    invocation.chunkSize = size;
  }
  if (values.parallel !== undefined) {
    const count = /^\d+$/.test(values.parallel) ? Number(values.parallel) : 0;
    if (count < 1 || count > MAX_PARALLEL) {
      throw new UsageError(
        `--parallel must be a whole number from 1 to ${MAX_PARALLEL}, got "${values.parallel}"`,
        name,
      );
    }
    invocation.parallel = count;
  }
  if (values.range !== undefined) {
    const range = parseRangeArgument(values.range);
    if (!range) throw new UsageError(`--range must be A-B, A- or -N, got "${values.range}"`, name);
    invocation.range = range;
  }
  if (name === 'download' && invocation.json && invocation.output === undefined) {
    throw new UsageError('download --json needs -o FILE (stdout carries the JSON)', name);
  }
  return invocation;
}
