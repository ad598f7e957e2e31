// The result shape `checkExpectation` compares (resource ids), without slots.
export function toScenarioResultForBench(round) {
  const jobs = {};
  for (const [id, d] of round.decisions) {
    jobs[String(id)] = d.scheduled
      ? {
          scheduled: true,
          startTime: d.placement.start,
          endTime: d.placement.start + d.placement.walltime - 1,
          moldableIndex: d.placement.moldableIndex,
          resources: round.platform.idsOf(d.placement.resources).toString(),
        }
      : { scheduled: false };
  }
  return { jobs };
}
