import { fileURLToPath } from 'node:url';

/**
 * Absolute path of spec/temp-contents.yaml inside this repository (for tools that feed the
 * document itself to a fuzzer or a validator). Resolved from dist/ or src/ alike.
 */
export const specPath = fileURLToPath(new URL('../../../spec/temp-contents.yaml', import.meta.url));
