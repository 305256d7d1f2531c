import type {InterfaceStrings} from '../strings.js';

/** The interface in Chinese (simplified). */
export default {
  chatWith: '与{name}聊天',
  unread: {other: '{count}条未读消息'},
  closeChat: '关闭聊天',
  conversation: '对话',
  messageLabel: '消息',
  placeholder: '输入消息…',
  send: '发送',
  stop: '停止',
  incomplete: '未完成',
  connecting: '正在连接…',
  reconnecting: '正在重新连接…',
  offline: '离线：恢复联网后将发送消息',
  notDelivered: '未送达。',
  retry: '重试',
  showEarlier: '显示更早的消息',
  typing: '{name}正在输入…',
  you: '你',
  messagesFrom: '来自{name}的消息',
  dismiss: '关闭',
  dismissMessages: '关闭消息',
  more: {other: '还有{count}条'},
} satisfies InterfaceStrings;
