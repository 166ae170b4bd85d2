// Every X (Twitter) selector Rapport uses (evidence: docs/extension.md, "Selector evidence"). Posts and replies are
// Draft.js editors that X tags data-testid="tweetTextarea_N" (inside a "tweetTextarea_N_label" wrapper). Direct
// messages come in two UIs: XChat (/i/chat/..., a textarea "dm-composer-textarea" in "dm-composer-form", messages
// "message-<id>" in "dm-message-list") and the older one (/messages/..., a Draft.js "dmComposerTextInput" in
// "DmActivityContainer", messages "messageEntry").
import { Sites } from "./registry.js";

Sites.register({
  id: "x",
  hosts: ["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
  shadowHosts: [],
  surfaces: [
    {
      surface: "message",
      selectors: [
        'textarea[data-testid="dm-composer-textarea"]',
        '[data-testid="dm-composer-form"] textarea',
        '[data-testid="dmComposerTextInput"][contenteditable="true"]',
        '[data-testid="dmComposerTextInput"] [contenteditable="true"]',
        '[data-testid="dmComposerTextInput"]',
      ],
      firstContact(el) {
        const convo = el.closest(
          '[data-testid="dm-conversation-panel"], [data-testid="DmActivityContainer"], [data-testid="DMDrawer"],' +
            ' section[aria-labelledby], main',
        );
        if (!convo) return false;
        return !convo.querySelector(
          '[data-testid="messageEntry"], [data-testid^="message-text-"],' +
            ' [data-testid="dm-message-list"] [data-testid^="message-"]',
        );
      },
    },
    {
      surface: "comment",
      selectors: ['[data-testid^="tweetTextarea_"][contenteditable="true"]', ".public-DraftEditor-content"],
      // A reply: the composer under a post on its own page, or a compose dialog quoting the post replied to.
      when(el) {
        const dialog = el.closest('[role="dialog"]');
        if (dialog) return !!dialog.querySelector('[data-testid="tweet"]');
        return /\/status\/\d+/.test(location.pathname);
      },
    },
    {
      surface: "post",
      selectors: ['[data-testid^="tweetTextarea_"][contenteditable="true"]', ".public-DraftEditor-content"],
    },
  ],
  isDark() {
    const bg = getComputedStyle(document.body).backgroundColor;
    const m = bg.match(/\d+/g);
    return !!m && Number(m[0]) + Number(m[1]) + Number(m[2]) < 200;
  },
});
