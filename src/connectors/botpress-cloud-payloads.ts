// Botpress Cloud message payloads (the Webchat API's `message_created`, as @botpress/webchat-client types them) as this
// widget's messages. Pure data mapping: the widget's validation (toContent) checks the result, so a
// payload with a bad URL or a missing field is reported as a chat-error, never drawn half-checked.
import type {ChoiceButton} from '../messages/message.js';

/** A payload as the wire has it: any fields, read defensively. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- backend data of any shape, checked by toContent
type Payload = Record<string, any>;

/**
 * A bot message for the transcript, not yet validated (the widget checks it): its
 * content and the id it is known by there.
 */
export type CloudMessageInput = Payload & {id: string};

/**
 * What Botpress's webchat sends when a button or option is picked: the label as
 * text, and the value the bot reads (for `postback` and `say` alike).
 */
export const buttonPayload = (label: string, value: unknown) => ({type: 'text', text: label, value});

/** A card action or a choice option: `url` opens `value`; `postback` and `say` send it back. */
function toButton(action: Payload): ChoiceButton {
  if (action?.action === 'url') return {label: action.label, url: action.value};
  return {label: action?.label, payload: buttonPayload(action?.label, action?.value)};
}

const toCard = (card: Payload) => ({
  title: card?.title,
  text: card?.subtitle,
  image: card?.imageUrl,
  buttons: Array.isArray(card?.actions) && card.actions.length ? card.actions.map(toButton) : undefined,
});

/** One payload's content, without an id (a `bloc` is several; see toMessages). */
function toContent(payload: Payload): Payload {
  switch (payload.type) {
    // Botpress's webchat draws text and markdown alike, as markdown.
    case 'text':
      return {type: 'markdown', text: payload.text};
    case 'markdown':
      return {type: 'markdown', text: payload.markdown};
    case 'image':
      return {type: 'image', url: payload.imageUrl, alt: payload.title ?? ''};
    case 'audio':
      return {type: 'audio', url: payload.audioUrl, title: payload.title};
    case 'video':
      return {type: 'video', url: payload.videoUrl, title: payload.title};
    case 'file':
      return {type: 'file', url: payload.fileUrl, name: payload.title};
    case 'location':
      return {
        type: 'location',
        latitude: payload.latitude,
        longitude: payload.longitude,
        // Without a title the widget names the link itself, in the visitor's language ("Open the map").
        title: payload.title,
        address: payload.address,
      };
    case 'card':
      return {type: 'card', ...toCard(payload)};
    case 'carousel':
      return {
        type: 'carousel',
        cards: Array.isArray(payload.items) ? payload.items.map(toCard) : payload.items,
      };
    // A dropdown is a choice drawn as a list; here both are buttons.
    case 'choice':
    case 'dropdown':
      return {
        type: 'choice',
        text: payload.text ?? '',
        buttons: Array.isArray(payload.options)
          ? payload.options.map((option: Payload) => ({
              label: option?.label,
              payload: buttonPayload(option?.label, option?.value),
            }))
          : payload.options,
      };
    default:
      // Not a type this widget draws (`custom` components, future types): the validation names it.
      return {type: payload.type};
  }
}

/** Removes the fields a payload left undefined, so optional fields are absent, not `undefined`. */
const defined = <T extends object>(content: T): T =>
  Object.fromEntries(Object.entries(content).filter(([, value]) => value !== undefined)) as T;

/** The id of the bloc item `index` of message `id`; `messageIdOf` reads the message's back. */
const blocItemId = (id: string, index: number) => `${id}/${index}`;

/** The Botpress message id a transcript message came from (a bloc's items share their message's). */
export const messageIdOf = (transcriptId: string): string => transcriptId.split('/')[0];

/**
 * A Botpress message's payload as transcript messages, each with an id from the
 * message's: one, or one per item of a `bloc` (items nest `{type, payload}` on the
 * Webchat API and are flat on the Chat API; both are read).
 */
export function toMessages(payload: unknown, id: string): CloudMessageInput[] {
  const record: Payload = payload && typeof payload === 'object' ? payload : {type: undefined};
  if (record.type !== 'bloc') return [{...defined(toContent(record)), id}];
  const items: Payload[] = Array.isArray(record.items) ? record.items : [];
  return items.map((item, index) => ({
    ...defined(
      toContent(item?.payload && typeof item.payload === 'object' ? {...item.payload, type: item.type} : item)
    ),
    id: blocItemId(id, index),
  }));
}
