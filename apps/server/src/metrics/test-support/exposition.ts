/**
 * The samples of a Prometheus text exposition, for assertions on values (promtool judges the
 * format itself). `name{a="x",b="y"} 1` -> key `name{a="x",b="y"}` with labels sorted.
 */
export type Samples = ReadonlyMap<string, number>;

export function parseSamples(text: string): Samples {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    const name = match[1] as string;
    const labelText = match[2];
    const value = match[3] as string;
    const labels = Object.fromEntries(
      [...(labelText ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1] as string,
        m[2] as string,
      ]),
    );
    const number = value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : Number(value);
    samples.set(sampleKey(name, labels), number);
  }
  return samples;
}

export function sampleKey(name: string, labels: Record<string, string> = {}): string {
  const inner = Object.keys(labels)
    .sort()
    .map((key) => `${key}="${labels[key]}"`)
    .join(',');
  return inner === '' ? name : `${name}{${inner}}`;
}

/** A sample's value, 0 when the series does not exist (yet). */
export function sampleValue(
  samples: Samples,
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples.get(sampleKey(name, labels)) ?? 0;
}
