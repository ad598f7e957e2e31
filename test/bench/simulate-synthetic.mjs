// A synthetic SWF workload for `oar-sched simulate` (the README's figure: 10,000 jobs on 1,000
// nodes), deterministic (a seeded generator): Poisson arrivals, log-uniform run times from 1 min
// to 8 h, requested time 1–3 × the run time, processors a power of two up to 256, 50 users,
// 3 queues. The mean arrival gap keeps the cluster at about 90 % offered load, so a queue forms.
//
//   node test/bench/simulate-synthetic.mjs [JOBS] [NODES] > synthetic.swf
//   oar-sched simulate --trace synthetic.swf --platform <(echo '{"nodes": 1000}')
const jobs = Number(process.argv[2] ?? 10_000);
const nodes = Number(process.argv[3] ?? 1_000);
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const lines = [`; synthetic workload: ${jobs} jobs for ${nodes} processors (test/bench/simulate-synthetic.mjs)`, `; MaxProcs: ${nodes}`];
const rows = [];
let work = 0;
for (let i = 0; i < jobs; i++) {
  const run = Math.round(60 * Math.exp(random() * Math.log(480)));
  const procs = Math.min(nodes, 2 ** Math.floor(random() * 9));
  rows.push({ run, procs, req: Math.round(run * (1 + 2 * random())), user: 1 + Math.floor(random() ** 2 * 50), queue: 1 + Math.floor(random() * 3) });
  work += run * procs;
}
const gap = work / (0.9 * nodes) / jobs;
let t = 0;
rows.forEach((r, i) => {
  lines.push([i + 1, Math.round(t), -1, r.run, r.procs, -1, -1, r.procs, r.req, -1, 1, r.user, 1, 1, r.queue, -1, -1, -1].join(' '));
  t += -Math.log(1 - random()) * gap;
});
process.stdout.write(`${lines.join('\n')}\n`);
