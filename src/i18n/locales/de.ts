import type {InterfaceStrings} from '../strings.js';

/** The interface in German. */
export default {
  chatWith: 'Chat mit {name}',
  unread: {one: '{count} ungelesene Nachricht', other: '{count} ungelesene Nachrichten'},
  closeChat: 'Chat schließen',
  conversation: 'Unterhaltung',
  messageLabel: 'Nachricht',
  placeholder: 'Nachricht…',
  send: 'Senden',
  stop: 'Stopp',
  incomplete: 'Unvollständig',
  connecting: 'Verbinden…',
  reconnecting: 'Erneut verbinden…',
  offline: 'Offline: Nachrichten werden gesendet, sobald Sie wieder online sind',
  notDelivered: 'Nicht zugestellt.',
  retry: 'Erneut versuchen',
  showEarlier: 'Frühere Nachrichten anzeigen',
  typing: '{name} schreibt…',
  you: 'Sie',
  messagesFrom: 'Nachrichten von {name}',
  dismiss: 'Schließen',
  dismissMessages: 'Nachrichten schließen',
  more: {other: '+{count} weitere'},
} satisfies InterfaceStrings;
