/** The example `simulate`'s help and its missing-option hint give (a small module: the help loads it without the command). */
export const SIMULATE_PLATFORM_EXAMPLE = '{"nodes": 64, "coresPerNode": 16}';
export const SIMULATE_EXAMPLE = 'oar-sched simulate --trace month.swf --platform cluster.json';
