import type {InterfaceStrings} from '../strings.js';

/** The interface in Italian. */
export default {
  chatWith: 'Chatta con {name}',
  unread: {one: '{count} messaggio non letto', other: '{count} messaggi non letti'},
  closeChat: 'Chiudi la chat',
  conversation: 'Conversazione',
  messageLabel: 'Messaggio',
  placeholder: 'Messaggio…',
  send: 'Invia',
  stop: 'Interrompi',
  incomplete: 'Incompleto',
  connecting: 'Connessione…',
  reconnecting: 'Riconnessione…',
  offline: 'Offline: i messaggi verranno inviati quando tornerai online',
  notDelivered: 'Non consegnato.',
  retry: 'Riprova',
  showEarlier: 'Mostra i messaggi precedenti',
  typing: '{name} sta scrivendo…',
  you: 'Tu',
  messagesFrom: 'Messaggi da {name}',
  dismiss: 'Chiudi',
  dismissMessages: 'Chiudi i messaggi',
  more: {one: '+{count} altro', other: '+{count} altri'},
} satisfies InterfaceStrings;
