import type {InterfaceStrings} from '../strings.js';

/** The interface in Japanese. */
export default {
  chatWith: '{name}とチャット',
  unread: {other: '未読メッセージ{count}件'},
  closeChat: 'チャットを閉じる',
  conversation: '会話',
  messageLabel: 'メッセージ',
  placeholder: 'メッセージを入力…',
  send: '送信',
  stop: '停止',
  incomplete: '未完了',
  connecting: '接続中…',
  reconnecting: '再接続中…',
  offline: 'オフライン：オンラインに戻るとメッセージが送信されます',
  notDelivered: '送信できませんでした。',
  retry: '再試行',
  showEarlier: '以前のメッセージを表示',
  typing: '{name}が入力中…',
  you: 'あなた',
  messagesFrom: '{name}からのメッセージ',
  dismiss: '閉じる',
  dismissMessages: 'メッセージを閉じる',
  more: {other: 'ほか{count}件'},
} satisfies InterfaceStrings;
