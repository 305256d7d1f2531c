// The class entry: everything a bundler needs, with no side effects.
// `define` registers the elements; `shims` installs the compatibility globals.
export {ChatWidget} from './chat-widget/chat-widget.component.js';
export type {Position, ProactiveOnOpen} from './chat-widget/chat-widget.component.js';
export {
  Conversation,
  typingDelay,
  type BotReply,
  type DialogEngine,
  type DialogFunction,
  type Turn,
  type TurnContext,
  type TurnOrigin,
  type TurnResult,
} from './conversation/conversation.js';
export type {
  BotAction,
  BubbleDrawing,
  ConnectionState,
  Connector,
  ConnectorLink,
  FeedbackValue,
} from './connectors/connector.js';
export {httpBot, type HttpBotOptions} from './connectors/http-bot.js';
export {
  englishStrings,
  translatedLanguages,
  type InterfaceStrings,
  type PluralString,
  type StringName,
  type StringOverrides,
  type TranslatedLanguage,
} from './i18n/strings.js';
export {
  botpressV12Bot,
  type BotpressV12BotOptions,
  type BotpressV12Connector,
} from './connectors/botpress-v12-bot.js';
export {
  voiceflowBot,
  type VoiceflowBotOptions,
  type VoiceflowConnector,
  type VoiceflowExtension,
  type VoiceflowSession,
} from './connectors/voiceflow-bot.js';
export {
  botpressCloudBot,
  BotpressCloudError,
  BOTPRESS_CLOUD_API_URL,
  type BotpressCloudBotOptions,
  type BotpressCloudConnector,
  type BotpressCloudSignals,
} from './connectors/botpress-cloud-bot.js';
export type {
  ChatErrorSource,
  ChatEventDetail,
  ChatEventDetailMap,
  ChatEventName,
  ChatSource,
  TriggerInfo,
} from './events/chat-events.js';
export {
  safeUrl,
  toContent,
  type ChatMessage,
  type ChoiceButton,
  type MessageContent,
  type MessageInput,
  type ReplyOptions,
} from './messages/message.js';
export type {PageEvent} from './pipeline/event-pipeline.js';
export {ProactiveQueue, type ProactiveApi, type ProactiveMessage} from './proactive/proactive-queue.js';
export {SessionStore, type ChatSession, type Persistence} from './session/session-store.js';
export {ChatTrigger, readTrigger} from './triggers/chat-trigger.js';
export {TriggerController} from './triggers/trigger-controller.js';
export {
  TriggerEngine,
  type TriggerEnv,
  type TriggerHost,
  type TriggerSource,
} from './triggers/trigger-engine.js';
export {toRule, type TriggerInit, type TriggerRule} from './triggers/trigger-rules.js';
