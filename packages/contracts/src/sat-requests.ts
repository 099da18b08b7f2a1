/** Where a SAT download request stands (see the state diagram in the sat-download README). */
export const satRequestStates = [
  'pending',
  'accepted',
  'in_progress',
  'ready',
  'downloaded',
  'empty',
  'split',
  'replaced',
  'failed',
] as const;
export type SatRequestState = (typeof satRequestStates)[number];

/** States in which Bóveda still talks to the SAT about a request. */
export const activeSatRequestStates = ['pending', 'accepted', 'in_progress', 'ready'] as const;

/**
 * Every move a request may make. `replaced` follows a stopped (`failed`) request too: a person
 * filed it again and the SAT accepted the new one.
 */
export const satRequestTransitions: Record<SatRequestState, readonly SatRequestState[]> = {
  pending: ['accepted', 'failed'],
  accepted: ['in_progress', 'ready', 'split', 'empty', 'replaced', 'failed'],
  in_progress: ['ready', 'split', 'empty', 'replaced', 'failed'],
  ready: ['downloaded', 'replaced', 'failed'],
  failed: ['replaced'],
  downloaded: [],
  empty: [],
  split: [],
  replaced: [],
};

export function canMoveSatRequest(from: SatRequestState, to: SatRequestState): boolean {
  return satRequestTransitions[from].includes(to);
}
