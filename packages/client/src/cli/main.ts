#!/usr/bin/env node
/**
 * `temp-contents`: the command-line tool. `main` takes the arguments and the process streams and
 * returns the exit code, so tests can run it in-process as well as through `node`.
 */
import { realpathSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { TempContentsError, TempContentsNetworkError } from '../errors/errors.js';
import { createTempContentsClient } from '../index.js';
import { type Invocation, parseInvocation, UsageError } from './args.js';
import {
  type CommandIo,
  type CommandResult,
  runDetails,
  runDownload,
  runResume,
  runUpload,
} from './commands.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { createProgress } from './progress.js';
import { helpFor } from './usage.js';

export interface CliEnvironment {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean | undefined };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /** Aborts the running command (the binary wires SIGINT to it). */
  signal?: AbortSignal | undefined;
}

const RUNNERS = {
  upload: runUpload,
  resume: runResume,
  download: runDownload,
  details: runDetails,
} as const;

interface Failure {
  code: ExitCode;
  error: Record<string, unknown>;
  text: string;
}

function describeFailure(
  error: unknown,
  interrupted: boolean,
  uploadUrl: string | undefined,
): Failure {
  if (interrupted) {
    return {
      code: EXIT.interrupted,
      error: { kind: 'interrupted', message: 'interrupted', uploadUrl },
      text: 'interrupted',
    };
  }
  if (error instanceof UsageError) {
    const hint = error.command ? `temp-contents ${error.command} --help` : 'temp-contents --help';
    return {
      code: EXIT.usage,
      error: { kind: 'usage', message: error.message },
      text: `usage error: ${error.message}\n(see ${hint})`,
    };
  }
  if (error instanceof TempContentsError) {
    const trace = error.traceId ? ` [traceId ${error.traceId}]` : '';
    return {
      code: EXIT.api,
      error: {
        kind: 'api',
        status: error.status,
        code: error.code,
        title: error.title,
        detail: error.detail,
        traceId: error.traceId,
        message: error.message,
      },
      text: `API error ${error.status} ${error.code}: ${error.detail ?? error.title}${trace}`,
    };
  }
  if (error instanceof TempContentsNetworkError) {
    return {
      code: EXIT.network,
      error: { kind: 'network', message: error.message },
      text: `network error: ${error.message}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT.failure, error: { kind: 'failure', message }, text: `error: ${message}` };
}

export async function main(argv: readonly string[], cli: CliEnvironment): Promise<ExitCode> {
  let invocation: Invocation | undefined;
  let uploadUrl: string | undefined;
  const json = argv.includes('--json');
  const progress = createProgress(cli.stderr, !json);
  const signal = cli.signal ?? new AbortController().signal;
  const writeJson = (value: Record<string, unknown>) =>
    cli.stdout.write(`${JSON.stringify(value)}\n`);
  try {
    invocation = parseInvocation(argv);
    if (invocation.help || invocation.command === undefined) {
      cli.stdout.write(helpFor(invocation.command));
      if (invocation.command === undefined && !invocation.help) return EXIT.usage;
      return EXIT.ok;
    }
    const baseUrl = invocation.url ?? cli.env.TC_URL;
    if (!baseUrl) {
      throw new UsageError('no server URL: pass --url or set TC_URL', invocation.command);
    }
    const token = invocation.token ?? cli.env.TC_TOKEN;
    const client = createTempContentsClient({ baseUrl, token });
    const io: CommandIo = {
      stdout: cli.stdout,
      stdin: cli.stdin,
      note: (text) => {
        if (!invocation?.json) cli.stderr.write(`${text}\n`);
      },
      progress,
      signal,
      onUploadUrl: (url) => {
        uploadUrl = url;
      },
    };
    const result: CommandResult = await RUNNERS[invocation.command](client, invocation, io);
    if (invocation.json) writeJson({ ok: true, command: invocation.command, ...result });
    return EXIT.ok;
  } catch (error) {
    const failure = describeFailure(error, signal.aborted, uploadUrl);
    if (json) {
      writeJson({
        ok: false,
        command: invocation?.command ?? (error instanceof UsageError ? error.command : undefined),
        exitCode: failure.code,
        error: failure.error,
      });
    } else {
      progress.finish();
      cli.stderr.write(`${failure.text}\n`);
      if (failure.code === EXIT.interrupted && uploadUrl && invocation?.command !== undefined) {
        const file = invocation.command === 'resume' ? invocation.args[1] : invocation.args[0];
        cli.stderr.write(`continue with: temp-contents resume ${uploadUrl} ${file}\n`);
      }
    }
    return failure.code;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${String(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
