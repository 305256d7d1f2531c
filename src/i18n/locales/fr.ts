import type {InterfaceStrings} from '../strings.js';

/** The interface in French. */
export default {
  chatWith: 'Discuter avec {name}',
  unread: {one: '{count} message non lu', other: '{count} messages non lus'},
  closeChat: 'Fermer la discussion',
  conversation: 'Conversation',
  messageLabel: 'Message',
  placeholder: 'Message…',
  send: 'Envoyer',
  stop: 'Arrêter',
  incomplete: 'Incomplet',
  connecting: 'Connexion…',
  reconnecting: 'Reconnexion…',
  offline: 'Hors ligne : les messages partiront dès votre retour en ligne',
  notDelivered: 'Non distribué.',
  retry: 'Réessayer',
  showEarlier: 'Afficher les messages précédents',
  typing: '{name} écrit…',
  you: 'Vous',
  messagesFrom: 'Messages de {name}',
  dismiss: 'Ignorer',
  dismissMessages: 'Ignorer les messages',
  more: {one: '+{count} autre', other: '+{count} autres'},
} satisfies InterfaceStrings;
