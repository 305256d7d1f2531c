// Botpress v12's message payloads (what its content renderer stores and its
// socket emits, v12.26+ "universal" content) as this widget's messages, and
// the payloads its webchat sends back for each kind of button. Pure: no
// network, no DOM. The wire shapes are those of botpress/v12
// packages/ui-shared-lite/Payloads/index.ts (renderPayload), and the replies
// those of the lite webchat's QuickReplies, Dropdown and Carousel.
import {describe, invalid, type Card, type ChoiceButton, type MessageInput} from '../messages/message.js';

/** A payload as it comes off the wire: any JSON object with a `type`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- backend data of any shape, read defensively
export type WirePayload = Record<string, any>;

/** A message as Botpress v12 stores and emits it (`sdk.Message`); `authorId` is unset for the bot. */
export interface WireMessage {
  id: string;
  conversationId: string;
  authorId?: string;
  sentOn: string;
  payload: WirePayload;
}

/**
 * The message types the webchat sends to `POST /messages`; anything else goes
 * to `POST /events` (channel-web `core/constants.tsx` MESSAGE_TYPES).
 */
export const MESSAGE_TYPES: readonly string[] = ['text', 'quick_reply', 'form', 'login_prompt', 'postback'];

/** Payloads that are bookkeeping, never shown: the visit, a reset's marker, a typing notice. */
const UNSHOWN = ['visit', 'session_reset', 'typing', 'request_start_conversation'];

/** Resolves a URL the bot sent (media under `/api/v1/bots/…/media/` are relative to the Botpress server). */
export type UrlResolver = (url: unknown) => string | undefined;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A quick reply's button: the visitor's message is its title, and the bot gets the payload (channel-web QuickReplies). */
const quickReply = (title: unknown, value: unknown): ChoiceButton => ({
  label: String(title),
  payload: {type: 'quick_reply', text: String(title), payload: value as string},
});

/** A card's action as a button, with the payload the webchat's carousel sends for it. */
function cardButton(action: WirePayload, resolve: UrlResolver): ChoiceButton {
  const label = String(action?.title ?? '');
  switch (action?.action) {
    case 'Say something':
      // Not one of MESSAGE_TYPES: the webchat posts it to /events, and shows no visitor bubble of its own.
      return {label, payload: {type: 'say_something', text: action.text}};
    case 'Postback':
      return {label, payload: {type: 'postback', payload: action.payload}};
    case 'Open URL': {
      // The webchat strips the BOT_URL placeholder, leaving a URL relative to the Botpress server.
      const url = resolve(String(action.url ?? '').replace('BOT_URL', ''));
      if (!url) throw invalid('Open URL action url', 'a URL', action.url);
      return {label, url};
    }
    default:
      // As the webchat's own carousel: an action it does not know fails the message.
      throw invalid('a card action', '"Say something", "Open URL" or "Postback"', action?.action);
  }
}

function toCard(item: WirePayload, resolve: UrlResolver): Card {
  const card: Card = {};
  if (text(item.title)) card.title = item.title;
  if (text(item.subtitle)) card.text = item.subtitle;
  if (item.image) {
    card.image = resolve(item.image);
    // The title says what the picture shows; the picture itself adds nothing a reader misses.
    card.alt = '';
  }
  const actions: unknown = item.actions;
  if (Array.isArray(actions) && actions.length)
    card.buttons = actions.map((action) => cardButton(action, resolve));
  return card;
}

/**
 * A bot payload as this widget's messages: none for bookkeeping payloads and
 * empty texts (which v12 does not show either). Throws a TypeError naming the
 * type for one the widget cannot show (a `custom` component without a wrapped
 * payload, a login prompt, an unknown type); the message model then checks
 * every field of the result.
 */
export function toMessages(payload: WirePayload, resolve: UrlResolver): MessageInput[] {
  const type: unknown = payload?.type;
  if (typeof type === 'string' && UNSHOWN.includes(type)) return [];
  switch (type) {
    case 'text':
      if (!text(payload.text)?.trim()) return [];
      return [
        payload.markdown === true
          ? {type: 'markdown', text: payload.text}
          : {type: 'text', text: payload.text},
      ];
    case 'single-choice': {
      const choices: WirePayload[] = Array.isArray(payload.choices) ? payload.choices : [];
      // v12 upper-cases every choice's value before sending it back.
      const buttons = choices.map((choice) => quickReply(choice?.title, text(choice?.value)?.toUpperCase()));
      return [{type: 'choice', text: text(payload.text) ?? '', buttons}];
    }
    case 'dropdown': {
      const options: WirePayload[] = Array.isArray(payload.options) ? payload.options : [];
      // The webchat's Dropdown sends the option's value, else its label.
      const buttons = options.map((option) => quickReply(option?.label, option?.value || option?.label));
      return [{type: 'choice', text: text(payload.message) ?? '', buttons}];
    }
    case 'image':
      return [{type: 'image', url: resolve(payload.image) ?? payload.image, alt: text(payload.title) ?? ''}];
    case 'audio':
    case 'video':
      return [
        {
          type,
          url: resolve(payload[type]) ?? payload[type],
          ...(text(payload.title) ? {title: payload.title} : {}),
        },
      ];
    case 'voice':
      return [{type: 'audio', url: resolve(payload.audio) ?? payload.audio}];
    case 'file':
      return [
        {
          type: 'file',
          url: resolve(payload.file) ?? payload.file,
          ...(text(payload.title) ? {name: payload.title} : {}),
        },
      ];
    case 'location': {
      const {latitude, longitude, title, address} = payload;
      return [
        {
          type: 'location',
          latitude,
          longitude,
          ...(text(title) ? {title} : {}),
          ...(text(address) ? {address} : {}),
        },
      ];
    }
    case 'card':
      return [{type: 'card', ...toCard(payload, resolve)}];
    case 'carousel': {
      const items: unknown = payload.items;
      if (!Array.isArray(items)) throw invalid("a carousel's items", 'an array', items);
      return [{type: 'carousel', cards: items.map((item: WirePayload) => toCard(item, resolve))}];
    }
    case 'custom':
      // A module's own component: its wrapped payload is what other channels show.
      if (payload.wrapped && typeof payload.wrapped === 'object') return toMessages(payload.wrapped, resolve);
      throw new TypeError(
        `a Botpress "custom" payload (${describe(payload.component)}) without a wrapped payload cannot be shown`
      );
    default:
      throw new TypeError(`a Botpress payload of type ${describe(type)} cannot be shown`);
  }
}
