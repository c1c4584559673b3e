/** The CLI's exit codes, documented in the package README and `temp-contents --help`. */
export const EXIT = {
  ok: 0,
  /** A local failure: unreadable or unwritable file, unexpected error. */
  failure: 1,
  /** Bad command line: unknown command or option, missing argument, bad value. */
  usage: 2,
  /** The server answered with an error (the message names its code and traceId). */
  api: 3,
  /** The server could not be reached or the connection failed. */
  network: 4,
  /** Interrupted (SIGINT); a tus upload can be continued with `resume`. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What `--help` says of each exit code: a new code does not compile without its line. */
export const EXIT_MEANING: Record<keyof typeof EXIT, { label: string; detail?: string }> = {
  ok: { label: 'success' },
  failure: {
    label: 'local failure',
    detail: 'a file not readable or writable, an unexpected error',
  },
  usage: { label: 'usage error', detail: 'unknown command or option, missing or bad argument' },
  api: {
    label: 'API error',
    detail: 'the server answered with an error (its code and traceId are printed)',
  },
  network: {
    label: 'network error',
    detail: 'the server could not be reached or the connection failed',
  },
  interrupted: {
    label: 'interrupted',
    detail: 'Ctrl-C; an interrupted tus upload prints the resume command',
  },
};
