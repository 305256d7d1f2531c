import type {InterfaceStrings} from '../strings.js';

/** The interface in Dutch. */
export default {
  chatWith: 'Chat met {name}',
  unread: {one: '{count} ongelezen bericht', other: '{count} ongelezen berichten'},
  closeChat: 'Chat sluiten',
  conversation: 'Gesprek',
  messageLabel: 'Bericht',
  placeholder: 'Bericht…',
  send: 'Verzenden',
  stop: 'Stoppen',
  incomplete: 'Onvolledig',
  connecting: 'Verbinden…',
  reconnecting: 'Opnieuw verbinden…',
  offline: 'Offline: berichten worden verzonden zodra je weer online bent',
  notDelivered: 'Niet bezorgd.',
  retry: 'Opnieuw proberen',
  showEarlier: 'Eerdere berichten tonen',
  typing: '{name} typt…',
  you: 'Jij',
  messagesFrom: 'Berichten van {name}',
  dismiss: 'Sluiten',
  dismissMessages: 'Berichten sluiten',
  more: {other: '+{count} meer'},
} satisfies InterfaceStrings;
