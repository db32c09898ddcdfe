import type { ChatModelFactory } from '../graph/chat-model-factory.port.ts';
import { OfflinePlannerChatModel } from './offline-planner-model.ts';

export interface OfflineChatModelOptions {
  /** BASE_CURRENCY. */
  readonly baseCurrency: string;
  /** Fixed "today" (YYYY-MM-DD) for relative dates; unset = the latest transaction's day. */
  readonly today?: string;
}

/** The offline default ChatModelFactory (no key, no network). */
export function offlineChatModelFactory(options: OfflineChatModelOptions): ChatModelFactory {
  return {
    description: `offline planner (deterministic${options.today ? `, today = ${options.today}` : ''})`,
    create: () => new OfflinePlannerChatModel({ baseCurrency: options.baseCurrency, ...(options.today ? { today: options.today } : {}) }),
  };
}
