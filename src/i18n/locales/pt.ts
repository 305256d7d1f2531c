import type {InterfaceStrings} from '../strings.js';

/** The interface in Portuguese. */
export default {
  chatWith: 'Conversar com {name}',
  unread: {one: '{count} mensagem não lida', other: '{count} mensagens não lidas'},
  closeChat: 'Fechar chat',
  conversation: 'Conversa',
  messageLabel: 'Mensagem',
  placeholder: 'Mensagem…',
  send: 'Enviar',
  stop: 'Parar',
  incomplete: 'Incompleta',
  connecting: 'Conectando…',
  reconnecting: 'Reconectando…',
  offline: 'Sem conexão: as mensagens serão enviadas quando você voltar a ficar online',
  notDelivered: 'Não entregue.',
  retry: 'Tentar novamente',
  showEarlier: 'Mostrar mensagens anteriores',
  typing: '{name} está digitando…',
  you: 'Você',
  messagesFrom: 'Mensagens de {name}',
  dismiss: 'Dispensar',
  dismissMessages: 'Dispensar mensagens',
  more: {one: '+{count} outra', other: '+{count} outras'},
} satisfies InterfaceStrings;
