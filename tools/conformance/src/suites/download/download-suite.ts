import { FILENAME_MAX_BYTES, HEADERS } from '@temp-contents/contract';
import { expectStatus, requireHeader } from '../../expectations/http-expectations.js';
import { seededBytes } from '../../fixtures/seeded-bytes.js';
import { uploadContent } from '../../fixtures/uploaded-content.js';
import { ensure, fail } from '../../run/check-failure.js';
import type { SuiteContext } from '../../run/suite-context.js';
import type { TargetResponse } from '../../target/target-http.js';
import { parseContentDisposition } from './content-disposition.js';

/** Accepted names, each with a trap for a naive `filename="${name}"`. */
const HOSTILE_NAMES: [string, string][] = [
  ['ascii', 'report.csv'],
  ['latin1', 'résumé.pdf'],
  ['cjk', '日本語のファイル.txt'],
  ['emoji', '📦 archive 🎉.zip'],
  ['quotes', 'say "hello".txt'],
  ['percent', '100% sure %41%20.txt'],
  ['semicolon-comma', 'a;b,c=d.txt'],
  ['apostrophe', "it's UTF-8''fake.txt"],
  ['spaces', '  leading and trailing  '],
  ['long', `${'é'.repeat(120)}.txt`],
  ['max-bytes', 'x'.repeat(FILENAME_MAX_BYTES)],
];

/** Names the spec rejects with 400 INVALID_FILENAME. */
const REJECTED_NAMES: [string, string][] = [
  ['backslash', 'dir\\evil.txt'],
  ['slash', '../etc/passwd'],
  ['control', 'bell\u0007.txt'],
  ['newline', 'a\r\nSet-Cookie: x=1'],
  ['too-long', 'x'.repeat(FILENAME_MAX_BYTES + 1)],
  ['too-long-utf8', 'é'.repeat(128)],
];

/**
 * Download headers: Content-Disposition with a correct ASCII fallback and an exact UTF-8
 * `filename*` for hostile names (RFC 6266 + RFC 8187), inline=1, nosniff, the details of an
 * upload (spec DetailResponse).
 */
export async function downloadSuite(context: SuiteContext): Promise<void> {
  const { target, options } = context;
  await context.check(
    {
      id: 'filenames',
      title:
        'Hostile and non-ASCII names: Content-Disposition parses and filename* decodes to the exact name',
      requirement:
        'RFC 6266 §4.1, §4.3; RFC 8187 §3.2; spec TempContentsGet 200 (Content-Disposition)',
    },
    async (scope) => {
      const problems: string[] = [];
      for (const [label, name] of HOSTILE_NAMES) {
        const content = await uploadContent(target, seededBytes(options.seed, 3), {
          filename: name,
        });
        const response = await target.getContent(content.id);
        expectStatus(response, 200, `download of "${label}"`);
        const problem = dispositionProblem(response, name, 'attachment');
        if (problem) problems.push(`${label} (${JSON.stringify(name)}): ${problem}`);
      }
      if (problems.length > 0) fail(`Content-Disposition broken: ${problems.join('; ')}`);
      scope.observe(`${HOSTILE_NAMES.length} names round-tripped`);
    },
  );

  await context.check(
    {
      id: 'rejected-filenames',
      title: 'Names with path separators, control characters or over 255 UTF-8 bytes: 400',
      requirement: 'spec TempContentsPost 400 (INVALID_FILENAME)',
    },
    async () => {
      const problems: string[] = [];
      for (const [label, name] of REJECTED_NAMES) {
        const response = await target.postContent(seededBytes(options.seed, 2), { filename: name });
        if (response.status !== 400)
          problems.push(`${label}: status ${response.status}, expected 400`);
      }
      if (problems.length > 0) fail(`invalid filenames accepted: ${problems.join('; ')}`);
    },
  );

  await context.check(
    {
      id: 'inline',
      title: 'inline=1 and inline=true give Content-Disposition: inline; inline=0 attachment',
      requirement: 'spec TempContentsGet (inline parameter); RFC 6266 §4.2',
    },
    async () => {
      const name = 'preview é.png';
      const content = await uploadContent(target, seededBytes(options.seed, 3), { filename: name });
      for (const [query, type] of [
        ['?inline=1', 'inline'],
        ['?inline=true', 'inline'],
        ['?inline=0', 'attachment'],
      ] as const) {
        const response = await target.getContent(content.id, {}, query);
        expectStatus(response, 200, `download with ${query}`);
        const problem = dispositionProblem(response, name, type);
        if (problem) fail(`download with ${query}: ${problem}`);
      }
    },
  );

  await context.check(
    {
      id: 'nosniff',
      title: 'X-Content-Type-Options: nosniff and a Content-Type on 200, 206 and HEAD',
      requirement:
        'spec TempContentsGet/Head (X-Content-Type-Options); Fetch §X-Content-Type-Options',
    },
    async () => {
      const content = await uploadContent(
        target,
        new TextEncoder().encode('<html><script>alert(1)</script></html>'),
        { filename: 'page.txt' },
      );
      for (const response of [
        await target.getContent(content.id),
        await target.getContent(content.id, { [HEADERS.range]: 'bytes=0-3' }),
        await target.headContent(content.id),
      ]) {
        expectStatus(response, [200, 206], 'download');
        const value = requireHeader(
          response,
          'X-Content-Type-Options',
          `download ${response.method} ${response.status}`,
        );
        ensure(
          value.trim().toLowerCase() === 'nosniff',
          `X-Content-Type-Options is "${value}", expected nosniff`,
        );
        requireHeader(
          response,
          HEADERS.contentType,
          `download ${response.method} ${response.status}`,
        );
      }
    },
  );

  await context.check(
    {
      id: 'details',
      title:
        'details: all eight fields, Size a decimal string, RFC 3339 dates, Expires = CreatedAt + TTL',
      requirement: 'spec TempContentsDetails 200 (DetailResponse)',
    },
    async () => {
      const bytes = seededBytes(options.seed, 1234);
      const content = await uploadContent(target, bytes, { filename: 'details.bin', ttl: 600 });
      const response = await target.details(content.id);
      expectStatus(response, 200, 'details');
      ensure(
        /^application\/json\b/i.test(response.headers.get(HEADERS.contentType) ?? ''),
        `details Content-Type is "${response.headers.get(HEADERS.contentType)}", expected application/json`,
      );
      const body = response.json() as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object') fail('details: body is not a JSON object');
      const problems: string[] = [];
      if (body.ID !== content.id)
        problems.push(`ID is ${JSON.stringify(body.ID)}, expected "${content.id}"`);
      if (body.Name !== 'details.bin')
        problems.push(`Name is ${JSON.stringify(body.Name)}, expected "details.bin"`);
      if (typeof body.Size !== 'string')
        problems.push(
          `Size is a ${typeof body.Size} (${JSON.stringify(body.Size)}), expected a decimal string`,
        );
      else if (body.Size !== String(bytes.length))
        problems.push(`Size is "${body.Size}", expected "${bytes.length}"`);
      if (body.TTLSeconds !== 600)
        problems.push(`TTLSeconds is ${JSON.stringify(body.TTLSeconds)}, expected 600`);
      if (typeof body.CreatorID !== 'string')
        problems.push(`CreatorID is ${JSON.stringify(body.CreatorID)}, expected a string`);
      const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
      for (const field of ['CreatedAt', 'UpdatedAt', 'Expires']) {
        const value = body[field];
        if (typeof value !== 'string' || !rfc3339.test(value))
          problems.push(`${field} ${JSON.stringify(value)} is not an RFC 3339 date-time`);
      }
      if (typeof body.CreatedAt === 'string' && typeof body.Expires === 'string') {
        const delta = (Date.parse(body.Expires) - Date.parse(body.CreatedAt)) / 1000;
        if (Math.abs(delta - 600) > 1)
          problems.push(`Expires - CreatedAt is ${delta} s, expected TTLSeconds 600`);
      }
      if (problems.length > 0) fail(`details body: ${problems.join('; ')}`);
    },
  );
}

/** What is wrong with the response's Content-Disposition for this name, or undefined. */
function dispositionProblem(
  response: TargetResponse,
  name: string,
  type: 'attachment' | 'inline',
): string | undefined {
  const value = response.headers.get(HEADERS.contentDisposition);
  if (value === null) return 'no Content-Disposition header';
  const parsed = parseContentDisposition(value);
  if (typeof parsed === 'string') return `Content-Disposition "${value}" does not parse: ${parsed}`;
  if (parsed.type !== type) return `disposition type is "${parsed.type}", expected "${type}"`;
  const ascii = /^[\x20-\x7e]*$/.test(name);
  if (parsed.filenameStar !== undefined) {
    if (parsed.filenameStar !== name) {
      return `filename* decodes to ${JSON.stringify(parsed.filenameStar)}, expected ${JSON.stringify(name)} (RFC 8187)`;
    }
  } else if (!ascii) {
    return `no filename* for a non-ASCII name (UTF-8 lost): "${value}"`;
  } else if (parsed.filename !== name) {
    return `filename is ${JSON.stringify(parsed.filename)}, expected ${JSON.stringify(name)}`;
  }
  if (parsed.filename !== undefined && !/^[\x20-\x7e]*$/.test(parsed.filename)) {
    return `the filename= fallback holds non-ASCII characters (RFC 6266 §4.3): ${JSON.stringify(parsed.filename)}`;
  }
  return undefined;
}
