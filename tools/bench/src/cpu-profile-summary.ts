// Reads a V8 CPU profile (node --cpu-prof) and says where the time went: idle (the event loop
// waiting), garbage collection, the functions with the most self time, and the packages or
// source folders with the most time spent inside them (callees included).

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  /** Share of the profiled wall time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  /** Wall time the profile covers, in seconds. */
  seconds: number;
  idle: number;
  garbageCollection: number;
  topFunctions: Share[];
  topModules: Share[];
}

/** `node_modules/.pnpm/fastify@5.../node_modules/fastify/lib/x.js` -> `fastify`; ours by folder. */
export function moduleOf(url: string): string | undefined {
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const last = packages.at(-1)?.[1];
  if (last !== undefined && last !== '.pnpm') return last;
  const ours = /apps\/server\/dist\/([^/]+)/.exec(url);
  return ours === null ? undefined : `server: ${ours[1]?.replace(/\.js$/, '')}`;
}

/** `insert (storage/sqlite-metadata-index.js:81)`, `handler (fastify lib/route.js:10)`. */
function frameName(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  // V8's own entries ((idle), (program)...) and native bindings (open, close...) have no URL.
  if (frame.url === '') return name.startsWith('(') ? name : `${name} (native)`;
  const file = frame.url.split('/').slice(-2).join('/');
  const module = moduleOf(frame.url);
  const where = module === undefined || /^(node|server):/.test(module) ? file : `${module} ${file}`;
  return `${name} (${where}:${frame.lineNumber + 1})`;
}

function top(totals: Map<string, number>, total: number, count: number): Share[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => ({ name, share: time / total }));
}

/**
 * `window`: only the samples between `fromEnd` and `toEnd` seconds before the profile's end
 * (the workload's run, leaving out start-up and preparation before it and the stop after it).
 */
export function summarizeProfile(
  profile: CpuProfile,
  { count = 12, window }: { count?: number; window?: { fromEnd: number; toEnd: number } } = {},
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const self = new Map<string, number>();
  const inside = new Map<string, number>();
  const span = profile.timeDeltas.reduce((sum, time) => sum + time, 0);
  const from = window === undefined ? 0 : span - window.fromEnd * 1e6;
  const to = window === undefined ? span : span - window.toEnd * 1e6;
  let elapsed = 0;
  let total = 0;
  profile.samples.forEach((id, index) => {
    const time = profile.timeDeltas[index] ?? 0;
    elapsed += time;
    if (elapsed <= from || elapsed > to) return;
    total += time;
    const node = byId.get(id);
    if (node === undefined) return;
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + time);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const module = moduleOf(byId.get(at)?.callFrame.url ?? '');
      if (module === undefined || seen.has(module)) continue;
      seen.add(module);
      inside.set(module, (inside.get(module) ?? 0) + time);
    }
  });
  const safeTotal = Math.max(total, 1);
  const special = (name: string) => (self.get(name) ?? 0) / safeTotal;
  const functions = new Map(
    [...self].filter(([name]) => !['(idle)', '(garbage collector)', '(root)'].includes(name)),
  );
  return {
    seconds: total / 1e6,
    idle: special('(idle)'),
    garbageCollection: special('(garbage collector)'),
    topFunctions: top(functions, safeTotal, count),
    topModules: top(inside, safeTotal, count),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Markdown: one line of totals, then the two top lists side by side. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const rows = Math.max(summary.topFunctions.length, summary.topModules.length);
  const lines = [
    `${summary.seconds.toFixed(1)} s profiled: event loop idle ${percent(summary.idle)}, ` +
      `garbage collection ${percent(summary.garbageCollection)}.`,
    '',
    '| self time | function | time inside | package or folder |',
    '| --- | --- | --- | --- |',
  ];
  for (let row = 0; row < rows; row++) {
    const fn = summary.topFunctions[row];
    const module = summary.topModules[row];
    lines.push(
      `| ${fn === undefined ? '' : percent(fn.share)} | ${fn?.name ?? ''} | ` +
        `${module === undefined ? '' : percent(module.share)} | ${module?.name ?? ''} |`,
    );
  }
  return lines.join('\n');
}
