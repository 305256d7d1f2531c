// Registers the elements. Importing this module is its whole purpose.
import {ChatWidget} from './chat-widget/chat-widget.component.js';
import {ChatTrigger} from './triggers/chat-trigger.js';

// A page may load the bundle twice (a tag manager and a theme, say); the
// second definition would throw, so it is skipped.
if (!customElements.get('chat-widget')) customElements.define('chat-widget', ChatWidget);
if (!customElements.get('chat-trigger')) customElements.define('chat-trigger', ChatTrigger);

declare global {
  interface HTMLElementTagNameMap {
    'chat-widget': ChatWidget;
    'chat-trigger': ChatTrigger;
  }
}

export {ChatWidget, ChatTrigger};
