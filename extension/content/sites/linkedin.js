// Every LinkedIn selector Rapport uses. LinkedIn renders the post composer (Quill) in a dialog inside the open
// shadow root of div#interop-outlet; comments use tiptap/ProseMirror; messaging a plain contenteditable of <p>s.
globalThis.RapportSites.register({
  id: "linkedin",
  hosts: ["www.linkedin.com", "linkedin.com"],
  // Elements whose open shadow roots hold compose boxes: watched like the document itself.
  shadowHosts: ["#interop-outlet"],
  // Checked in order: the first surface whose selector matches an editable claims it.
  surfaces: [
    {
      surface: "invite_note",
      selectors: [
        'textarea[name="message"]',
        "textarea#custom-message",
        ".send-invite textarea",
        '[data-test-modal-id="send-invite-modal"] textarea',
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
          ".msg-overlay-conversation-bubble, .msg-convo-wrapper, .msg-thread, .msg-s-message-list-container," +
            " .scaffold-layout__detail",
        );
        if (!convo) return false;
        return !convo.querySelector(".msg-s-message-list__event, .msg-s-event-listitem");
      },
    },
    {
      surface: "comment",
      selectors: [
        '.comments-comment-box [contenteditable="true"]',
        '.comments-comment-texteditor [contenteditable="true"]',
        '.comments-comment-box-comment__text-editor [contenteditable="true"]',
        '.comments-reply-box [contenteditable="true"]',
        '.tiptap.ProseMirror[contenteditable="true"][role="textbox"]',
      ],
    },
    {
      surface: "post",
      selectors: [
        '.share-creation-state__text-editor .ql-editor[contenteditable="true"]',
        '.share-box .ql-editor[contenteditable="true"]',
        '.editor-content .ql-editor[contenteditable="true"]',
        '.ql-editor[contenteditable="true"]',
      ],
    },
  ],
  isDark() {
    const html = document.documentElement;
    return html.classList.contains("theme--dark") || html.classList.contains("theme--dark-lix");
  },
});
