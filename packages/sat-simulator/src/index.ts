export type { SimulatorLimits, SimulatorTiming } from './operations/context.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_TIMING,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from './simulator.js';
export type { SimClock } from './state/clock.js';
export type { Fault, FaultKind, Operation } from './state/faults.js';
export type { UniverseOptions, VolumeConfig } from './universe/types.js';
