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

/** A widget event's name, carrying the type of the event its handler prop gets. */
type WidgetEvent<K extends ChatEventName> = K & EventName<CustomEvent<ChatEventDetailMap[K]>>;

/** Each React handler prop and the DOM event it listens to. */
const events = {
  onChatReady: 'chat-ready' as WidgetEvent<'chat-ready'>,
  onChatOpen: 'chat-open' as WidgetEvent<'chat-open'>,
  onChatClose: 'chat-close' as WidgetEvent<'chat-close'>,
  onChatMessage: 'chat-message' as WidgetEvent<'chat-message'>,
  onChatTyping: 'chat-typing' as WidgetEvent<'chat-typing'>,
  onChatEvent: 'chat-event' as WidgetEvent<'chat-event'>,
  onChatProactivePush: 'chat-proactive-push' as WidgetEvent<'chat-proactive-push'>,
  onChatProactiveClear: 'chat-proactive-clear' as WidgetEvent<'chat-proactive-clear'>,
  onChatProactiveDismiss: 'chat-proactive-dismiss' as WidgetEvent<'chat-proactive-dismiss'>,
  onChatProactiveClick: 'chat-proactive-click' as WidgetEvent<'chat-proactive-click'>,
  onChatTriggerFire: 'chat-trigger-fire' as WidgetEvent<'chat-trigger-fire'>,
  onChatError: 'chat-error' as WidgetEvent<'chat-error'>,
};

// A widget event with no handler prop fails to compile here: ChatEventDetailMap is the list.
type Unmapped = {
  [K in ChatEventName]: WidgetEvent<K> extends (typeof events)[keyof typeof events] ? never : K;
}[ChatEventName];
const everyEventHasAProp: [Unmapped] extends [never] ? true : Unmapped = true;
void everyEventHasAProp;

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
