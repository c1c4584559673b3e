/** Help texts, one per command; `--help` prints them and usage errors point at them. */

export const TOOL_HELP = `temp-contents - upload, download and inspect temporary contents

Usage:
  temp-contents <command> [options]

Commands:
  upload <file>        Upload a file (one POST when small, tus when large or --resumable)
  resume <url> <file>  Continue an interrupted tus upload from its URL
  download <id>        Download a content (to stdout, or to a file with -o, resuming it)
  details <id>         Show a content's details

Global options:
  --url URL        Server base URL (default: $TC_URL)
  --token TOKEN    Bearer token (default: $TC_TOKEN)
  --json           Print exactly one JSON object on stdout, no progress bar
  -h, --help       Show help (also: temp-contents <command> --help)

Exit codes:
  0    success
  1    local failure (file not readable or writable, unexpected error)
  2    usage error (unknown command or option, missing or bad argument)
  3    API error: the server answered with an error (code and traceId are printed)
  4    network error: the server could not be reached or the connection failed
  130  interrupted (Ctrl-C); an interrupted tus upload prints the resume command
`;

export const COMMAND_HELP: Record<string, string> = {
  upload: `Usage: temp-contents upload <file> [--ttl SECONDS] [--name NAME] [--resumable] [--chunk-size BYTES]
                             [--checksum | --no-checksum]

Uploads <file> ("-" reads stdin). Files up to 8 MiB go as one POST; larger ones, stdin of
unknown length, and --resumable uploads use tus. Prints the new content's id.

Options:
  --ttl SECONDS       Time-to-live, 1..259200 (server default 3600)
  --name NAME         Stored file name (default: the file's base name)
  --resumable         Always use a resumable tus upload
  --chunk-size BYTES  Bytes per tus PATCH, e.g. 1048576, 512k, 8M (default 8M)
  --checksum          Require tus checksums: every PATCH carries Upload-Checksum (sha256, else
                      sha1) and a chunk damaged on the way is sent again; fails if the server
                      offers none. By default they are used whenever the server offers them.
  --no-checksum       Never send tus checksums
  --url, --token, --json, --help as for every command
`,
  resume: `Usage: temp-contents resume <url> <file> [--chunk-size BYTES] [--checksum | --no-checksum]

Continues the tus upload at <url> (printed when an upload is interrupted) with <file>, which
must hold the same bytes as the first time. Only the bytes the server lacks are sent.

Options:
  --chunk-size BYTES  Bytes per tus PATCH (default 8M)
  --checksum          Require tus checksums (as for upload); --no-checksum: never send them
  --url, --token, --json, --help as for every command
`,
  download: `Usage: temp-contents download <id> [-o FILE] [--range A-B]

Downloads content <id> to stdout, or to FILE with -o. An existing partial FILE is continued
from its size (Range + If-Range) and the result's size is checked.

Options:
  -o, --output FILE  Write to FILE instead of stdout (required with --json)
  --range A-B        Only bytes A..B (inclusive); also A- (from A) and --range=-N (last N)
  --url, --token, --json, --help as for every command
`,
  details: `Usage: temp-contents details <id>

Prints the details of content <id>: ID, Name, Size, Expires, CreatedAt, UpdatedAt,
CreatorID, TTLSeconds.

Options:
  --url, --token, --json, --help as for every command
`,
};
