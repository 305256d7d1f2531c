import type {InterfaceStrings} from '../strings.js';

/** The interface in Polish. */
export default {
  chatWith: 'Czat z {name}',
  unread: {
    one: '{count} nieprzeczytana wiadomość',
    few: '{count} nieprzeczytane wiadomości',
    many: '{count} nieprzeczytanych wiadomości',
    other: '{count} nieprzeczytanej wiadomości',
  },
  closeChat: 'Zamknij czat',
  conversation: 'Rozmowa',
  messageLabel: 'Wiadomość',
  placeholder: 'Wiadomość…',
  send: 'Wyślij',
  stop: 'Zatrzymaj',
  incomplete: 'Niekompletna',
  connecting: 'Łączenie…',
  reconnecting: 'Ponowne łączenie…',
  offline: 'Offline: wiadomości zostaną wysłane, gdy wrócisz do sieci',
  notDelivered: 'Nie dostarczono.',
  retry: 'Ponów',
  showEarlier: 'Pokaż wcześniejsze wiadomości',
  typing: '{name} pisze…',
  you: 'Ty',
  messagesFrom: 'Wiadomości od {name}',
  dismiss: 'Odrzuć',
  dismissMessages: 'Odrzuć wiadomości',
  more: {other: '+{count} więcej'},
} satisfies InterfaceStrings;
