'use client';
// `import {ChatWidget} from '<pkg>/react'`: <chat-widget> as a React component,
// made with @lit/react. Properties (`bot`, `triggers`…) are set as
// properties, and each event has a camelCase handler prop (`onChatMessage`).
// Importing it defines the elements, like `<pkg>/define`. React is an optional
// peer dependency: only this entry imports it.
import {createComponent, type EventName} from '@lit/react';
// The default import: React is CommonJS, and every bundler, Node and test runner gives its exports as the default.
import React from 'react';
import {ChatWidget as ChatWidgetElement} from './define.js';
import type {ChatEventDetailMap, ChatEventName} from './events/chat-events.js';

/** The widget's events (ChatEventDetailMap, as a list a program can read). */
const eventNames = [
  'chat-ready',
  'chat-open',
  'chat-close',
  'chat-message',
  'chat-typing',
  'chat-event',
  'chat-proactive-push',
  'chat-proactive-clear',
  'chat-proactive-dismiss',
  'chat-proactive-click',
  'chat-trigger-fire',
  'chat-feedback',
  'chat-error',
  'chat-action',
] as const satisfies readonly ChatEventName[];

// An event of ChatEventDetailMap missing from the list fails to compile here.
type Unlisted = Exclude<ChatEventName, (typeof eventNames)[number]>;
const everyEventListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyEventListed;

/** `chat-proactive-push` → `ChatProactivePush`. */
type Pascal<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<Name>;

/** Each handler prop (`onChatMessage`) and its event, typed so the handler gets `CustomEvent<detail>`. */
type EventProps = {
  [K in ChatEventName as `on${Pascal<K>}`]: K & EventName<CustomEvent<ChatEventDetailMap[K]>>;
};

const pascal = (name: string) =>
  name.replace(/(^|-)(.)/g, (_, _dash, letter: string) => letter.toUpperCase());
const events = Object.fromEntries(eventNames.map((name) => [`on${pascal(name)}`, name])) as EventProps;

/**
 * `<chat-widget>` for React: attributes and properties as props, events as
 * `onChat…` props whose handlers get the typed `CustomEvent`; a `ref` gives the
 * element, for its methods (`show()`, `reply()`, `proactive.push()`…).
 */
export const ChatWidget = createComponent({
  react: React,
  tagName: 'chat-widget',
  elementClass: ChatWidgetElement,
  events,
  displayName: 'ChatWidget',
});

export {ChatWidgetElement};
