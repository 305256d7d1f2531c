/**
 * The shadow parts of `<chat-widget>`, the names pages style through `::part()`
 * (a public contract: DESIGN.md, README). The template, the element's lookups
 * and the tests take them from here.
 */
export const parts = {
  launcher: 'launcher',
  badge: 'badge',
  panel: 'panel',
  header: 'header',
  /** The connection's state line ("Reconnecting…"), empty while all is well. */
  status: 'status',
  transcript: 'transcript',
  message: 'message',
  typing: 'typing',
  composer: 'composer',
  input: 'input',
  send: 'send',
  /** Stops the reply being written. */
  stop: 'stop',
  proactive: 'proactive',
  proactiveMessage: 'proactive-message',
  proactiveClose: 'proactive-close',
} as const;

/** The name of a shadow part. */
export type PartName = (typeof parts)[keyof typeof parts];
