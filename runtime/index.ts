// The runtime users import (`eslint-plugin-perf-standards/runtime`): zero dependencies, no `node:` import,
// no side effect at import beyond a few constants. It runs wherever `globalThis.performance` exists.
export { mapConcurrent } from './map-concurrent.js';
export {
  measure,
  monitored,
  performanceStats,
  resetPerformanceStats,
  setPerformanceSink,
  type MonitorDecorator,
  type PerformanceSink,
  type PerformanceStats,
} from './monitor.js';
