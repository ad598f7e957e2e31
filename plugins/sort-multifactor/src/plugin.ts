import { definePlugin, type Job } from '@oar-sched/plugin-api';
import { fairshareSchema, type FairshareParams } from '@oar-sched/plugin-sort-fairshare';
import { multifactorKarmas, multifactorPriority, multifactorTerms, orderByPriority, type MultifactorJob, type MultifactorParams } from './multifactor.js';
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
      // Karma only with a karma weight (core §17.3), then reported: the round writes it into the job's message, as OAR does.
      const karmas = multifactorKarmas(keyed, ctx.accounting, ctx.queues, ctx.now, multifactor, fairshare);
      if (karmas && ctx.reportKarma) keyed.forEach((k, i) => ctx.reportKarma!(k.job, karmas[i]!));
      if (ctx.reportFactors) {
        // Only when the order is being explained: the weighted terms and their sum (higher first).
        keyed.forEach((k, i) => {
          const terms = multifactorTerms(k, ctx.now, multifactor, karmas?.[i] ?? 0);
          ctx.reportFactors!(k.job, { ...terms, priority: multifactorPriority(k, ctx.now, multifactor, karmas?.[i] ?? 0) });
        });
      }
      return orderByPriority(keyed, ctx.now, multifactor, karmas).map((k) => k.job);
    });
  },
});
