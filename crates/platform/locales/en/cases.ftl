# The case engine (platform::cases): error messages and system entries on the timeline.
case-error-not-allowed = This step cannot be taken in the case's current state.
case-error-stale = Someone else has just changed this case. Reload the page and try again.
case-error-body-required = Write a reason or an answer.
case-error-route-required = Choose the organisation to route to.
case-error-unknown-organisation = Unknown organisation.
case-error-unknown-file = Attachment not found.
case-system-overdue = Deadline passed: this case is overdue and has been escalated to the supervisor.
case-system-auto-transition = Automatic step after the deadline passed without a reply.
case-mail-overdue-subject = Case { $code } is past its deadline
case-mail-overdue-body = Case { $code } has passed its handling deadline and is marked overdue. Please act on it promptly.
