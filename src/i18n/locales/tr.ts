import type {InterfaceStrings} from '../strings.js';

/** The interface in Turkish. */
export default {
  chatWith: '{name} ile sohbet et',
  unread: {other: '{count} okunmamış mesaj'},
  closeChat: 'Sohbeti kapat',
  conversation: 'Sohbet',
  messageLabel: 'Mesaj',
  placeholder: 'Mesaj…',
  send: 'Gönder',
  stop: 'Durdur',
  incomplete: 'Eksik',
  connecting: 'Bağlanıyor…',
  reconnecting: 'Yeniden bağlanıyor…',
  offline: 'Çevrimdışı: tekrar çevrimiçi olduğunuzda mesajlar gönderilecek',
  notDelivered: 'İletilmedi.',
  retry: 'Yeniden dene',
  showEarlier: 'Önceki mesajları göster',
  typing: '{name} yazıyor…',
  you: 'Siz',
  messagesFrom: '{name} mesajları',
  dismiss: 'Kapat',
  dismissMessages: 'Mesajları kapat',
  more: {other: '+{count} daha'},
} satisfies InterfaceStrings;
