// Installs the three compatibility globals on the page.
import {botpress} from './botpress-cloud.js';
import {botpressWebChat} from './botpress-webchat.js';
import {build, watchWidgets, type Api} from './shim-target.js';
import {voiceflowChat} from './voiceflow-chat.js';

/**
 * Adds `window.voiceflow.chat`, `window.botpressWebChat` and `window.botpress`,
 * extending globals the page already has without replacing any member, and
 * starts reporting the widgets' events to them. Installing twice is harmless.
 */
export function installShims(): void {
  build(window, {voiceflow: {chat: voiceflowChat}, botpressWebChat, botpress});
  watchWidgets();
}

declare global {
  interface Window {
    /** Voiceflow's web chat API, on `<chat-widget>`. */
    voiceflow: {chat: Api<typeof voiceflowChat>};
    /** Botpress v12 and Cloud v0/v1 webchat API, on `<chat-widget>`. */
    botpressWebChat: Api<typeof botpressWebChat>;
    /** Botpress Cloud v2 webchat API, on `<chat-widget>`. */
    botpress: Api<typeof botpress>;
  }
}
