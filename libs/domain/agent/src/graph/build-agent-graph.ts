import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { AgentTool } from '../tools/agent-tool.ts';
import { toLangChainTools } from '../tools/langchain-tools.ts';
import { AgentState, type AgentStateValue } from './agent-state.ts';
import { afterCheck, checkNode } from './nodes/check-node.ts';
import { answerNode, giveUpNode } from './nodes/finish-nodes.ts';
import { bindModel, planNode } from './nodes/plan-node.ts';
import { routeNode } from './nodes/route-node.ts';
import { toolsNode } from './nodes/tools-node.ts';

export interface AgentGraphOptions {
  readonly model: BaseChatModel;
  readonly tools: readonly AgentTool[];
  /** AGENT_MAX_STEPS: model steps per question. */
  readonly maxSteps: number;
  readonly systemPrompt: string;
  /** Conversation memory per session (thread_id = session id); none = every question alone. */
  readonly checkpointer?: BaseCheckpointSaver;
  /** Turns of a session kept in its state (and shown to the model); default DEFAULT_MAX_TURNS_KEPT. */
  readonly maxTurnsKept?: number;
}

/**
 * The agent (issue #9): route -> plan -> tools -> check -> (plan again | answer | give up).
 *
 *   START -> route_question --refused/help--> END
 *              \--> call_model --no tool calls--> finish -> END
 *                     \--tool calls--> run_tools -> check_results --ok, steps left--> call_model
 *                                                          \--2nd failure / step bound--> give_up -> END
 *
 * The same graph runs with Gemini or the offline planner; only the model differs.
 */
export function buildAgentGraph(options: AgentGraphOptions) {
  if (!Number.isInteger(options.maxSteps) || options.maxSteps < 1) throw new RangeError('maxSteps must be a positive integer');
  const model = bindModel(options.model, toLangChainTools(options.tools));
  // Node names must differ from state fields (route, plan, answer...): LangGraph shares one namespace.
  const graph = new StateGraph(AgentState)
    .addNode('route_question', routeNode(options.maxTurnsKept, options.tools.some((t) => t.name === 'market')))
    .addNode('call_model', planNode(model, options.systemPrompt))
    .addNode('run_tools', toolsNode(options.tools))
    .addNode('check_results', checkNode)
    .addNode('finish', answerNode)
    .addNode('give_up', giveUpNode(options.maxSteps))
    .addEdge(START, 'route_question')
    .addConditionalEdges('route_question', (s: AgentStateValue) => (s.route?.kind === 'plan' ? 'call_model' : END), ['call_model', END])
    .addConditionalEdges('call_model', (s: AgentStateValue) => (s.plan.length > 0 ? 'run_tools' : 'finish'), ['run_tools', 'finish'])
    .addEdge('run_tools', 'check_results')
    .addConditionalEdges('check_results', afterCheck(options.maxSteps), ['call_model', 'give_up'])
    .addEdge('finish', END)
    .addEdge('give_up', END);
  return graph.compile(options.checkpointer ? { checkpointer: options.checkpointer } : {});
}

export type AgentGraph = ReturnType<typeof buildAgentGraph>;
