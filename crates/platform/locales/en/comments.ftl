# Public comments (platform::comments): the section on item pages, the form, the staff inbox, mails.
comment-section-title = Comments
comment-none = No comments published yet.
comment-anonymous = Resident
comment-official-reply = Official reply from { $organisation }
comment-api-link = These comments as JSON
comment-form-title = Write a comment
comment-moderation-hint = Comments are reviewed by staff before they are published. Your e-mail address is never shown; we only use it to tell you when your comment is published or answered.
comment-field-name = Name to show (optional)
comment-hint-name = Shown with your comment. Left empty, it reads "Resident".
comment-field-email = E-mail address
comment-hint-email = Required, never shown.
comment-field-body = Comment
comment-submit = Send comment
comment-sent = Thank you. Your comment was sent and is waiting for moderation; it appears here once staff publish it.
comment-back-to = Back to { $title }
comment-home = Back to the home page
comment-refused-title = Comment not sent yet
comment-error-item = The page you are commenting on does not exist or is not public.
comment-error-name-long = The name may be at most 80 characters.
comment-error-email-required = Enter your e-mail address (it will not be shown).
comment-error-email = This e-mail address is not valid.
comment-error-body-required = Write your comment.
comment-error-body-short = The comment is too short.
comment-error-body-long = The comment may be at most 2,000 characters.
comment-error-rate-limited = Too many submissions from your address in the last hour. Please try again later; what you typed is kept in this form.
comment-error-api-params = Give item_type and item_id.
comment-error-not-pending = This comment has already been moderated.
comment-error-not-published = Only published comments can be answered.
comment-error-replied = This comment already has an official reply.
comment-error-reply-required = Write the text.
comment-error-reply-long = At most 4,000 characters.
comment-status-pending = Waiting for moderation
comment-status-published = Published
comment-status-rejected = Rejected
comment-tab-pending = Waiting for moderation
comment-tab-unanswered = Published, not answered
comment-tab-all = All
comment-done-published = The comment is published.
comment-done-rejected = The comment is rejected.
comment-done-replied = The official reply is sent.
comment-inbox-title = Public comments
comment-inbox-intro = Residents' comments on your organisation's pages: publish or reject them, then give an official reply.
comment-inbox-no-orgs = You do not moderate comments for any organisation.
comment-inbox-all-orgs = All organisations
comment-inbox-org = Organisation
comment-inbox-show = Show
comment-inbox-count = { $count } comments
comment-inbox-empty = No comments here.
comment-inbox-account = registered account
comment-inbox-reason = Reason for rejection: { $reason }
comment-inbox-replied = Official reply
comment-inbox-reply-optional = Official reply (optional)
comment-inbox-publish = Publish
comment-inbox-reason-label = Reason for rejection
comment-inbox-reject = Reject
comment-inbox-reply = Official reply
comment-inbox-send-reply = Send reply
comment-ws-inbox = Public comments
comment-mail-published-subject = Your comment is published: { $title }
comment-mail-published-body =
    Your comment on "{ $title }" has been published.

    See: { $url }

    We will tell you at this address when { $organisation } replies.
comment-mail-reply-subject = Official reply to your comment: { $title }
comment-mail-reply-body =
    { $organisation } replied to your comment on "{ $title }":

    { $reply }

    See: { $url }
