import type {InterfaceStrings} from '../strings.js';

/** The interface in Hebrew. */
export default {
  chatWith: 'צ׳אט עם {name}',
  unread: {one: 'הודעה אחת שלא נקראה', two: 'שתי הודעות שלא נקראו', other: '{count} הודעות שלא נקראו'},
  closeChat: 'סגירת הצ׳אט',
  conversation: 'שיחה',
  messageLabel: 'הודעה',
  placeholder: 'הודעה…',
  send: 'שליחה',
  stop: 'עצירה',
  incomplete: 'לא הושלמה',
  connecting: 'מתחבר…',
  reconnecting: 'מתחבר מחדש…',
  offline: 'אין חיבור: ההודעות יישלחו כשהחיבור יחזור',
  notDelivered: 'לא נמסרה.',
  retry: 'ניסיון חוזר',
  showEarlier: 'הצגת הודעות קודמות',
  typing: '{name} מקליד/ה…',
  you: 'את/ה',
  messagesFrom: 'הודעות מאת {name}',
  dismiss: 'סגירה',
  dismissMessages: 'סגירת ההודעות',
  more: {other: '+{count} נוספות'},
} satisfies InterfaceStrings;
