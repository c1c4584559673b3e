import type { CheckResult } from '../report/check-result.js';

/**
 * Turns Schemathesis's JUnit XML (one <testcase> per API operation, <failure>/<error> children
 * holding its findings) into `schema` checks. A tiny reader rather than an XML dependency:
 * the format is flat and produced by one known tool.
 */
export function checksFromJunit(xml: string): CheckResult[] {
  const checks: CheckResult[] = [];
  const testcase = /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const attributes = attributesOf(match[1] ?? '');
    const inner = match[2] ?? '';
    const name = attributes.name ?? 'unnamed operation';
    const problems: string[] = [];
    let skipped: string | undefined;
    for (const child of inner.matchAll(
      /<(failure|error|skipped)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/g,
    )) {
      const childAttributes = attributesOf(child[2] ?? '');
      const text = unescapeXml(child[3] ?? '').trim();
      const message = childAttributes.message ?? '';
      if (child[1] === 'skipped') {
        skipped = message || text || 'skipped by Schemathesis';
        continue;
      }
      problems.push(
        [message, text].filter(Boolean).join('\n').trim() || `${child[1]} without a message`,
      );
    }
    const time = Number(attributes.time ?? '0');
    checks.push({
      suite: 'schema',
      id: `schema.${name.replace(/\s+/g, ' ')}`,
      title: `Schemathesis: ${name}`,
      requirement: `spec ${name} (Schemathesis checks: status codes, content types, headers, schemas, stateful links)`,
      status: problems.length > 0 ? 'failed' : skipped !== undefined ? 'skipped' : 'passed',
      ...(problems.length > 0
        ? { message: summarise(problems) }
        : skipped !== undefined
          ? { message: skipped }
          : {}),
      observations: [],
      durationMs: Number.isFinite(time) ? time * 1000 : 0,
    });
  }
  return checks;
}

function summarise(problems: string[]): string {
  const text = problems.join('\n---\n');
  return text.length > 4000
    ? `${text.slice(0, 4000)}... (truncated; see the Schemathesis JUnit report)`
    : text;
}

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([\w:-]+)="([^"]*)"/g)) {
    if (match[1]) attributes[match[1]] = unescapeXml(match[2] ?? '');
  }
  return attributes;
}

function unescapeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) =>
      String.fromCodePoint(Number.parseInt(code, 16)),
    )
    .replace(/&amp;/g, '&');
}
