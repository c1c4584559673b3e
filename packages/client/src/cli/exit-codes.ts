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
