// Which scores count as detractor / passive / promoter for each capture type. Pure.
import type { CaptureType } from './types';

export type Bucket =
  | 'smile_negative'
  | 'smile_neutral'
  | 'smile_positive'
  | 'star_1_2'
  | 'star_3'
  | 'star_4_5'
  | 'nps_detractor'
  | 'nps_passive'
  | 'nps_promoter';

export const BUCKETS: readonly Bucket[] = ['smile_negative', 'smile_neutral', 'smile_positive', 'star_1_2', 'star_3', 'star_4_5', 'nps_detractor', 'nps_passive', 'nps_promoter'];

export function bucketOf(type: CaptureType, score: number): Bucket {
  switch (type) {
    case 'smile':
      return score <= 0 ? 'smile_negative' : score === 1 ? 'smile_neutral' : 'smile_positive';
    case 'star':
      return score <= 2 ? 'star_1_2' : score === 3 ? 'star_3' : 'star_4_5';
    case 'nps':
      return score <= 6 ? 'nps_detractor' : score <= 8 ? 'nps_passive' : 'nps_promoter';
  }
}

export type Tier = 'detractor' | 'passive' | 'promoter';
export function tierOf(type: CaptureType, score: number): Tier {
  const b = bucketOf(type, score);
  if (b === 'smile_negative' || b === 'star_1_2' || b === 'nps_detractor') return 'detractor';
  if (b === 'smile_neutral' || b === 'star_3' || b === 'nps_passive') return 'passive';
  return 'promoter';
}

export interface ScoredAnswer {
  type: CaptureType;
  score: number;
  submittedAt: number;
}

/** A second (or later) detractor answer from the same customer within the window. */
export function isRepeatDetractor(history: ScoredAnswer[], current: ScoredAnswer, windowDays: number): boolean {
  if (tierOf(current.type, current.score) !== 'detractor') return false;
  const since = current.submittedAt - windowDays * 86_400_000;
  return history.some((h) => h.submittedAt >= since && h.submittedAt <= current.submittedAt && tierOf(h.type, h.score) === 'detractor');
}

/** A score on one 0–100 scale, whatever the capture type (re-rating uplift compares across them):
 * the scale's lowest answer is 0 and its highest 100, evenly between — smile 0/50/100, star 0/25/…/100,
 * NPS ×10. Kept equal to normalisedScoreSql (db/report-definitions.ts) by a test. */
export function normalisedScore(type: CaptureType, score: number): number {
  switch (type) {
    case 'smile':
      return score * 50;
    case 'star':
      return (score - 1) * 25;
    case 'nps':
      return score * 10;
  }
}
