// A React 19 app as a user writes it, with the package's types and no declarations
// of its own: type-checked in CI (`npm run test:types`), and built by Vite from
// main.tsx (which renders `Wrapped`). The `@ts-expect-error` lines are mistakes the
// types must catch; tsc fails if one compiles.
import {useEffect, useRef} from 'react';
import type {ChatWidget as ChatWidgetElement, DialogFunction, ProactiveMessage} from 'proactive-chat-widget';
import 'proactive-chat-widget/define';
import {ChatWidget} from 'proactive-chat-widget/react';

const bot: DialogFunction = (turn) => `You said: ${turn.text}`;

/** The plain tag, typed by `proactive-chat-widget/react-jsx`. */
export function PlainTag() {
  const widget = useRef<ChatWidgetElement>(null);
  useEffect(() => {
    void widget.current?.proactive.push('Hi! Need a hand?');
  }, []);
  return (
    <chat-widget
      ref={widget}
      bot-name="Ava"
      position="left"
      proactive-limit={2}
      proactive-on-open="greet"
      bot={bot}
      triggers={[{on: 'scroll', depth: '50', messages: 'Still looking?'}]}
      onchat-message={(event) => console.log(event.detail.message.author, event.detail.message.id)}
      onchat-error={(event) => console.warn(event.detail.source, event.detail.error.message)}
      onchat-proactive-push={(event) =>
        event.detail.messages.map((message: ProactiveMessage) => message.text)
      }
    >
      <chat-trigger on="exit-intent" url="/checkout*" once>
        Wait! Code SAVE10 takes 10% off.
      </chat-trigger>
    </chat-widget>
  );
}

export function PlainTagMistakes() {
  return (
    <>
      {/* @ts-expect-error: `count` is a number. */}
      <chat-trigger on="load" count="three" />
      {/* @ts-expect-error: `position` is `end`, `start`, `right` or `left`. */}
      <chat-widget position="middle" />
      {/* @ts-expect-error: the detail of chat-typing has no `message`. */}
      <chat-widget onchat-typing={(event) => event.detail.message} />
    </>
  );
}

/** The @lit/react wrapper: camelCase event props. */
export function Wrapped() {
  const widget = useRef<ChatWidgetElement>(null);
  return (
    <ChatWidget
      ref={widget}
      botName="Ava"
      position="right"
      bot={bot}
      onChatReady={(event) => console.log(event.detail.session.id)}
      onChatMessage={(event) => console.log(event.detail.message.author)}
      onChatOpen={(event) => console.log(event.detail.source === 'user')}
      onChatTriggerFire={(event) => event.detail.trigger.id && event.preventDefault()}
      onChatAction={(event) => event.detail.type === 'calendar' && event.preventDefault()}
      onChatFeedback={(event) => console.log(event.detail.message.id, event.detail.value === 'up')}
    />
  );
}

export function WrappedMistakes() {
  return (
    <>
      {/* @ts-expect-error: `position` is `end`, `start`, `right` or `left`. */}
      <ChatWidget position="middle" />
      {/* @ts-expect-error: the detail of chat-open is `{source}`. */}
      <ChatWidget onChatOpen={(event) => event.detail.message} />
    </>
  );
}
