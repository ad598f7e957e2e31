/**
 * The conformance vectors (copied verbatim from the shared spec repository: facts, not code)
 * and which of them this release runs. A vector not run must appear in `PENDING` with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'vectors');

export interface VectorInfo {
  readonly file: string;
  readonly path: string;
  readonly features: readonly string[];
  readonly sorting: string;
}

export function listVectors(): VectorInfo[] {
  return readdirSync(VECTORS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(VECTORS_DIR, file);
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { features?: string[]; config?: { sorting?: { policy?: string } } };
      return { file, path, features: doc.features ?? [], sorting: doc.config?.sorting?.policy ?? 'FIFO' };
    });
}

/**
 * Vectors knowingly not run yet, with why. Empty means every vector runs. Keep each entry
 * justified: a vector whose expectation we believe wrong stays here with the reasoning.
 */
export const PENDING: Readonly<Record<string, string>> = {};
