// An Angular component as a user writes it: CUSTOM_ELEMENTS_SCHEMA lets the
// template use <chat-widget>, and with strictTemplates Angular types each
// element and `$event` from the package's HTMLElementTagNameMap and
// HTMLElementEventMap entries (no declarations of its own). Type-checked and
// compiled ahead of time in CI by ngc, then built by Vite from main.ts
// (`npm run test:types`).
import {Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, viewChild} from '@angular/core';
import type {ChatMessage, DialogFunction, TriggerInit} from 'proactive-chat-widget';
import 'proactive-chat-widget/define';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <chat-widget
      #widget
      bot-name="Ava"
      position="left"
      [bot]="bot"
      [triggers]="triggers"
      (chat-message)="onMessage($event.detail.message)"
      (chat-open)="opened($event.detail.source)"
    >
      <chat-trigger on="exit-intent" url="/checkout*" once>Wait! Code SAVE10 takes 10% off.</chat-trigger>
    </chat-widget>
  `,
})
export class AppComponent {
  readonly widget = viewChild.required<ElementRef<HTMLElementTagNameMap['chat-widget']>>('widget');
  readonly bot: DialogFunction = (turn) => `You said: ${turn.text}`;
  readonly triggers: TriggerInit[] = [{on: 'scroll', depth: '50', messages: 'Still looking?'}];
  readonly transcript: ChatMessage[] = [];

  onMessage(message: ChatMessage): void {
    this.transcript.push(message);
  }

  opened(source: 'user' | 'api'): void {
    if (source === 'user') void this.widget().nativeElement.proactive.clear();
  }
}
