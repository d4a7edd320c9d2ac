/** The model node family: node definitions and the services they ask for. */
export { agentNode } from './agent.js';
export { type AgentTool, AgentToolSchema } from './agent-tools.js';
export { classifierNode } from './classifier.js';
export {
  type ConversationMessage,
  ConversationMessageSchema,
  type ConversationStore,
  ConversationStoreService,
  createMemoryConversationStore,
  type MemoryStoreOptions,
} from './conversation-store.js';
export { memoryNode } from './memory.js';
export { modelNode } from './model.js';
export { composeSystemPrompt, type ModelSideGuard, ModelSideGuardService } from './model-call.js';
