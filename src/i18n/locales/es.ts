import type {InterfaceStrings} from '../strings.js';

/** The interface in Spanish. */
export default {
  chatWith: 'Chatear con {name}',
  unread: {one: '{count} mensaje sin leer', other: '{count} mensajes sin leer'},
  closeChat: 'Cerrar chat',
  conversation: 'Conversación',
  messageLabel: 'Mensaje',
  placeholder: 'Mensaje…',
  send: 'Enviar',
  stop: 'Detener',
  incomplete: 'Incompleto',
  connecting: 'Conectando…',
  reconnecting: 'Reconectando…',
  offline: 'Sin conexión: los mensajes se enviarán cuando vuelvas a estar en línea',
  notDelivered: 'No entregado.',
  retry: 'Reintentar',
  showEarlier: 'Mostrar mensajes anteriores',
  typing: '{name} está escribiendo…',
  you: 'Tú',
  messagesFrom: 'Mensajes de {name}',
  dismiss: 'Descartar',
  dismissMessages: 'Descartar mensajes',
  more: {other: '+{count} más'},
} satisfies InterfaceStrings;
