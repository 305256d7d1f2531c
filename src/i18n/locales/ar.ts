import type {InterfaceStrings} from '../strings.js';

/** The interface in Arabic. */
export default {
  chatWith: 'الدردشة مع {name}',
  unread: {
    zero: 'لا رسائل غير مقروءة',
    one: 'رسالة واحدة غير مقروءة',
    two: 'رسالتان غير مقروءتين',
    few: '{count} رسائل غير مقروءة',
    many: '{count} رسالة غير مقروءة',
    other: '{count} رسالة غير مقروءة',
  },
  closeChat: 'إغلاق الدردشة',
  conversation: 'المحادثة',
  messageLabel: 'الرسالة',
  placeholder: 'اكتب رسالة…',
  send: 'إرسال',
  stop: 'إيقاف',
  incomplete: 'غير مكتملة',
  connecting: 'جارٍ الاتصال…',
  reconnecting: 'جارٍ إعادة الاتصال…',
  offline: 'غير متصل: ستُرسل الرسائل عند عودتك إلى الاتصال',
  notDelivered: 'لم تُسلَّم.',
  retry: 'إعادة المحاولة',
  showEarlier: 'عرض الرسائل السابقة',
  typing: '{name} يكتب…',
  you: 'أنت',
  messagesFrom: 'رسائل من {name}',
  dismiss: 'تجاهل',
  dismissMessages: 'تجاهل الرسائل',
  more: {other: '+{count} أخرى'},
} satisfies InterfaceStrings;
