// Throughput loads with curl, a separate process that costs the machine little: one transfer
// at a time (uploads streamed from a file, downloads to /dev/null), or many at once.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { requireBinary } from '@temp-contents/stack';

export interface Transfer {
  status: number;
  seconds: number;
  uploaded: number;
  downloaded: number;
  /** The response's Location header, '' without one. */
  location: string;
}

export interface TransferOptions {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A file to send as the body (streamed, with its Content-Length). */
  upload?: string;
}

const WRITE_OUT = '%{http_code} %{time_total} %{size_upload} %{size_download} %header{location}\\n';

function curlBinary(): string {
  return requireBinary('curl', process.env.CURL_BIN ?? 'curl', 'CURL_BIN');
}

/** curl's options for one transfer: no `Expect: 100-continue` round trip before a body. */
function transferArgs(options: TransferOptions): string[] {
  const args = ['--request', options.method, '--header', 'Expect:', '--output', '/dev/null'];
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    args.push('--header', `${name}: ${value}`);
  }
  if (options.upload !== undefined) {
    // curl would append the file's name to the path (before any query string).
    if (new URL(options.url).pathname.endsWith('/')) {
      throw new Error(`an upload URL must not end in /: ${options.url}`);
    }
    args.push('--upload-file', options.upload);
  }
  args.push('--write-out', WRITE_OUT, '--url', options.url);
  return args;
}

function parse(line: string): Transfer {
  const [status, seconds, uploaded, downloaded, location = ''] = line.trim().split(' ');
  return {
    status: Number(status),
    seconds: Number(seconds),
    uploaded: Number(uploaded),
    downloaded: Number(downloaded),
    location,
  };
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(curlBinary(), ['--silent', '--show-error', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`curl ${args.join(' ')} exited with ${code}: ${err.trim()}`));
    });
  });
}

/** One transfer; `seconds` is curl's own total time for it (connect included). */
export async function transfer(options: TransferOptions): Promise<Transfer> {
  return parse(await run(transferArgs(options)));
}

/**
 * `transfers` all at once (curl's --parallel, one process, up to 64 connections together). The
 * list goes through a config file: 64 uploads' options do not fit well on a command line.
 */
export async function transferAll(
  transfers: TransferOptions[],
  configFile: string,
): Promise<{ seconds: number; results: Transfer[] }> {
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const blocks = transfers.map((options) => {
    const args = transferArgs(options);
    const lines: string[] = [];
    for (let i = 0; i < args.length; i += 2) {
      lines.push(`${(args[i] as string).slice(2)} = ${quote(args[i + 1] as string)}`);
    }
    return lines.join('\n');
  });
  await writeFile(configFile, `${blocks.join('\nnext\n')}\n`);
  const started = performance.now();
  const out = await run([
    '--parallel',
    '--parallel-immediate',
    '--parallel-max',
    String(Math.min(transfers.length, 300)),
    '--config',
    configFile,
  ]);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, results: out.trim().split('\n').map(parse) };
}
