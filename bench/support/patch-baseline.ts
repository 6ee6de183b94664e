// The benches start tickets as the intake does: with today's patch baseline (workflows/patch-baseline.ts).
// `BENCH_NO_BASELINE=1` starts them as tickets before baselines were (every patch asked with patched():
// markers and TemporalChangeVersion upserts), to measure what the baseline saves.
import { PATCH_BASELINE } from '../../domain/ticket';

export const benchPatchBaseline = (): { patchBaseline?: number } => (process.env.BENCH_NO_BASELINE ? {} : { patchBaseline: PATCH_BASELINE });
export const baselineLabel = () => (process.env.BENCH_NO_BASELINE ? 'tickets without a patch baseline (BENCH_NO_BASELINE)' : `tickets on patch baseline ${PATCH_BASELINE}`);
