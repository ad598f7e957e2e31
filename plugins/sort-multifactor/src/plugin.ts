import { definePlugin, type Job } from '@oar-sched/plugin-api';
import { fairshareSchema, type FairshareParams } from '@oar-sched/plugin-sort-fairshare';
import { orderByMultifactor, type MultifactorJob, type MultifactorParams } from './multifactor.js';
import { multifactorSchema } from './settings.js';

/** A job with the fields the priority reads lifted from its record (scenario defaults already applied). */
interface Keyed extends MultifactorJob {
  readonly job: Job;
}

/**
 * The built-in `jobsSorting` policy `MULTIFACTOR` (core §17.3): decreasing priority, stable, with
 * the weights of `sorting.multifactor`; the karma term uses `sorting.fairshare` and the accounting
 * records of the group's queues.
 */
export default definePlugin({
  name: '@oar-sched/plugin-sort-multifactor',
  setup(api) {
    api.sortingSettings('multifactor', multifactorSchema);
    api.sortingSettings('fairshare', fairshareSchema);
    api.jobsSorting('MULTIFACTOR', (ctx) => {
      const keyed = ctx.jobs.map(
        (job): Keyed => ({
          id: job.id,
          user: job.user,
          project: job.project,
          queue: job.queue,
          submissionTime: job.record.submissionTime,
          qos: job.record.qos,
          nice: job.record.nice,
          job,
        }),
      );
      const multifactor = ctx.settings.multifactor as MultifactorParams;
      const fairshare = ctx.settings.fairshare as FairshareParams;
      return orderByMultifactor(keyed, ctx.accounting, ctx.queues, ctx.now, multifactor, fairshare).map((k) => k.job);
    });
  },
});
