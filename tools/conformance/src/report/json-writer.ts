import type { Report } from './check-result.js';

/** The machine-readable report: the `Report` object as is (stable field names, see check-result.ts). */
export function reportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
