// Stands in for the per-bot config.js Botpress hosts (files.bpcontent.cloud/…/config.js), as
// written by Botpress Studio's "Embed" tab. The one change: `apiUrl`, the Webchat API's host,
// here the local mock (mock/botpress-cloud.mjs) instead of https://webchat.botpress.cloud.
window.botpress.init({
  "botId": "hat-co-demo",
  "clientId": "hat-co-demo",
  "apiUrl": "/mock/botpress-cloud",
  "configuration": {
    "botName": "Hat Bot",
    "botDescription": "Hat & Co. on Botpress Cloud (the local mock)",
    "composerPlaceholder": "Say help…",
    "color": "#2b5f9e"
  }
});
