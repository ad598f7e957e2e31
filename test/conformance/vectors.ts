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
export const PENDING: Readonly<Record<string, string>> = {
  'edge-fairshare_project_targets.json':
    'needs the FAIRSHARE ordering plugin (issue #3)',
  'edge-quotas_resource_time.json':
    'needs quotas / temporal quotas (issue #3)',
  'edge-temporal_quotas_default_periodical_fills_gaps.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_db_all_in_one-test_db_all_in_one_quotas_2.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_db_all_in_one-test_db_all_in_one_temporal_quotas_2.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_db_all_in_one-test_db_all_in_one_temporal_quotas_AR_1.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_db_fairshare-test_db_fairsharing.json':
    'needs the FAIRSHARE ordering plugin (issue #3)',
  'oar3-test_db_multifactor-test_db_multifactor_fairshare.json':
    'needs the MULTIFACTOR ordering plugin (issue #3)',
  'oar3-test_quotas-test_quotas_four_jobs_rule_1.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_quotas-test_quotas_one_job_rule_nb_res_1.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_quotas-test_quotas_three_jobs_rule_1.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_quotas-test_quotas_two_job_rules_nb_res_quotas_file.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_quotas-test_quotas_two_jobs_job_type_proc.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_temporal_quotas-test_temporal_quotas_4_jobs_rule_nb_res_1.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_temporal_quotas-test_temporal_quotas_oneshot_1_job_rule_nb_res_1.json':
    'needs quotas / temporal quotas (issue #3)',
  'oar3-test_temporal_quotas-test_test.json':
    'needs quotas / temporal quotas (issue #3)',
  'plugins-test_custom_jobs_sorting-test_db_job_sorting_simple_priority_no_waiting_time.json':
    'needs the OAR3 example plugins (issue #4)',
  'plugins-test_custom_scheduling-test_assign_one_time_find_contiguous_1h.json':
    'needs the OAR3 example plugins (issue #4)',
  'plugins-test_custom_scheduling-test_find_begin.json':
    'needs the OAR3 example plugins (issue #4)',
  'plugins-test_custom_scheduling-test_find_contiguous_1h.json':
    'needs the OAR3 example plugins (issue #4)',
  'plugins-test_custom_scheduling-test_find_contiguous_sorted_1h.json':
    'needs the OAR3 example plugins (issue #4)',
  'plugins-test_custom_scheduling-test_find_contiguous_sorted_1h_2.json':
    'needs the OAR3 example plugins (issue #4)',
  'plugins-test_custom_scheduling-test_find_local_1.json':
    'needs the OAR3 example plugins (issue #4)',
  'redox-quotas_test-test_quotas_one_job_rule_nb_res_1.json':
    'needs quotas / temporal quotas (issue #3)',
  'redox-quotas_test-test_quotas_three_jobs_rule_1.json':
    'needs quotas / temporal quotas (issue #3)',
};
