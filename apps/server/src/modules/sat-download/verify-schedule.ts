/**
 * When to ask the SAT again about a filed request: the SAT answers most requests within minutes and
 * some within hours, so the worker looks again at growing intervals after filing (`SAT_VERIFY_SCHEDULE`,
 * seconds between looks; after the last one it keeps that interval), besides the nightly run.
 *
 * Answers the seconds from `now` to the first look due after it, counted from `submittedAt`: the
 * same request always maps to the same instants, so several workers agree on them.
 */
export function nextVerificationAt(submittedAt: Date, now: Date, schedule: readonly number[]): Date {
  const steps = schedule.length > 0 ? schedule : [3600];
  let at = submittedAt.getTime();
  for (let i = 0; ; i++) {
    at += steps[Math.min(i, steps.length - 1)]! * 1000;
    if (at > now.getTime()) return new Date(at);
  }
}
