export { type GraphPlan, planGraph } from './plan.js';
export {
  type RunFlowOptions,
  type RunHandle,
  type RunnableFlow,
  type RunOutcomeStatus,
  type RunResult,
  runFlow,
} from './run-flow.js';
