// Every LinkedIn selector Rapport uses (evidence: docs/extension.md, "Selector evidence"). LinkedIn serves two
// builds side by side: the classic Ember pages (semantic classes: .msg-form, .comments-comment-box, artdeco modals
// rendered in the open shadow root of div#interop-outlet) and the newer React/SDUI pages (hashed class names, so
// only data-testid, data-view-name, componentkey and ARIA hooks are stable). Both are listed here.
// The SDUI share box (a native <dialog>) uses the same tiptap editor as comments: it must never count as one.
import { Sites } from "./registry.js";

const SHARE_COMPOSER =
  '[componentkey="ShareBox_textEditor"], [data-sdui-screen*="sharing.ShareCompose"], ' +
  '[data-test-modal-id="sharebox"], .share-box-v2__modal, .share-creation-state';

Sites.register({
  id: "linkedin",
  hosts: ["www.linkedin.com", "linkedin.com"],
  // Elements whose open shadow roots hold compose boxes (post composer, invitation modal, overlay bubbles).
  shadowHosts: ["#interop-outlet", '[data-testid="interop-shadowdom"]'],
  // Checked in order: the first surface whose selector matches an editable (and whose `when` agrees) claims it.
  surfaces: [
    {
      surface: "invite_note",
      selectors: [
        "textarea#custom-message",
        "textarea.send-invite__custom-message",
        '[aria-labelledby="send-invite-modal"] textarea',
        '[data-test-modal-id="send-invite-modal"] textarea',
        '[role="dialog"] textarea[name="message"]',
      ],
      firstContact: () => true,
      limit: { max: 300, free: 200 },
    },
    {
      surface: "message",
      selectors: [
        '.msg-form__contenteditable[contenteditable="true"]',
        '.msg-form [contenteditable="true"][role="textbox"]',
      ],
      // A conversation with no earlier messages: the messaging page's thread or an overlay bubble.
      firstContact(el) {
        const convo = el.closest(
          ".msg-overlay-conversation-bubble, .msg-convo-wrapper, .msg-thread, .scaffold-layout__detail",
        );
        if (!convo) return false;
        return !convo.querySelector(".msg-s-message-list__event, .msg-s-event-listitem");
      },
    },
    {
      surface: "comment",
      selectors: [
        // React/SDUI build: tiptap inside the comment box (componentkey "commentBox-<urn>").
        '[data-view-name="comment-box"] [contenteditable="true"]',
        '[componentkey^="commentBox"] [contenteditable="true"]',
        '[contenteditable="true"][role="textbox"][aria-label="Text editor for creating comment"]',
        // Classic build: Quill, later tiptap, inside the comment form.
        '.comments-comment-box [contenteditable="true"]',
        '.comments-comment-texteditor [contenteditable="true"]',
        '.comments-comment-box-comment__text-editor [contenteditable="true"]',
        // Any other tiptap box in a feed post (replies, the post detail page).
        '[data-testid="ui-core-tiptap-text-editor-wrapper"] .tiptap.ProseMirror[contenteditable="true"]',
      ],
      // The wrapper and editor classes are shared with the share box (and profile forms): only boxes under a post.
      when(el) {
        if (el.closest(SHARE_COMPOSER)) return false;
        if (el.closest('[data-view-name="comment-box"], [componentkey^="commentBox"], .comments-comment-box'))
          return true;
        if (el.closest(".comments-comment-texteditor, .comments-comment-box-comment__text-editor")) return true;
        if (/creating comment|reply/i.test(el.getAttribute("aria-label") ?? "")) return true;
        return !!el.closest('[role="listitem"], [data-view-name="feed-full-update"], [data-urn], [data-id]');
      },
    },
    {
      surface: "post",
      selectors: [
        // React/SDUI share box: a native <dialog> with a tiptap editor keyed ShareBox_textEditor.
        '[componentkey="ShareBox_textEditor"][contenteditable="true"]',
        '[componentkey="ShareBox_textEditor"] [contenteditable="true"]',
        // Classic share box (in #interop-outlet's shadow root): Quill.
        '[data-test-modal-id="sharebox"] [data-test-ql-editor-contenteditable="true"]',
        '.share-creation-state__text-editor .ql-editor[contenteditable="true"]',
        '.share-box-v2__modal .ql-editor[contenteditable="true"]',
        '[data-test-ql-editor-contenteditable="true"]',
        '.ql-editor[contenteditable="true"]',
      ],
    },
  ],
  isDark() {
    const html = document.documentElement;
    return html.classList.contains("theme--dark") || html.classList.contains("theme--dark-lix");
  },
});
