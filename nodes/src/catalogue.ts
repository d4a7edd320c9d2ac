import { createCatalogue } from '@tailor/runtime';
import { codeNode } from './control/code.js';
import { conditionNode } from './control/condition.js';
import { inputNode } from './control/input.js';
import { loopNode } from './control/loop.js';
import { outputNode } from './control/output.js';
import { subflowNode } from './control/subflow.js';
import { templateNode } from './control/template.js';
import { retrievalNode } from './knowledge/retrieval.js';
import { agentNode } from './models/agent.js';
import { classifierNode } from './models/classifier.js';
import { memoryNode } from './models/memory.js';
import { modelNode } from './models/model.js';
import { safetyNode } from './safety/safety.js';
import { httpNode } from './tools/http.js';
import { searchNode } from './tools/search.js';

/** Every node type Tailor offers, listed explicitly (no directory scanning). */
export const catalogue = createCatalogue([
  inputNode,
  outputNode,
  templateNode,
  conditionNode,
  loopNode,
  subflowNode,
  codeNode,
  modelNode,
  agentNode,
  classifierNode,
  memoryNode,
  retrievalNode,
  httpNode,
  safetyNode,
  searchNode,
]);
