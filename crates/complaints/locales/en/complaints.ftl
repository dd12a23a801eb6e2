# complaints messages
complaint-error-kind = Choose the kind of report: complaint, aspiration or request for information.
complaint-error-title = A title is required, 5 to 150 characters.
complaint-error-description = A description is required, 20 to 5,000 characters.
complaint-error-category = Choose a category from the list.
complaint-error-region = Choose a village/kelurahan or a district of Bojonegoro Regency.
complaint-error-coordinate = Invalid coordinates: latitude -90 to 90, longitude -180 to 180.
complaint-error-coordinate-pair = Give both latitude and longitude, or neither.
complaint-error-too-long = This entry is too long.
complaint-error-privacy = Choose how the report is shown: public, anonymous or confidential.
complaint-error-email = The e-mail address is not valid.
complaint-error-phone = The phone number is not valid (e.g. 0812 3456 7890 or +62 812 3456 7890).
complaint-error-contact = Guests must give an e-mail address or a phone number to receive updates.
complaint-error-too-many-files = At most 3 attachments.
nav-complaints = Complaints
complaint-new-title = Submit a complaint or an aspiration
complaint-new-intro = Reports are verified within 3 working days and passed to the responsible organisation, which follows up within 5 working days.
complaint-choose = — choose —
complaint-field-kind = Kind of report
complaint-kind-pengaduan = Complaint
complaint-kind-aspirasi = Aspiration
complaint-kind-permintaan_informasi = Request for information
complaint-field-title = Title
complaint-field-description = Description
complaint-hint-description = Say what, where and since when. Do not write other people's personal data.
complaint-field-category = Category
complaint-field-region = Village/kelurahan or district
complaint-region-whole-district = { $name } district (general)
complaint-field-location = Location details (optional)
complaint-field-latitude = Latitude (optional, e.g. -7.15)
complaint-field-longitude = Longitude (optional, e.g. 111.88)
complaint-field-privacy = How the report is shown
complaint-privacy-public = Public
complaint-privacy-public-hint = The report is shown to the public; your name is never shown.
complaint-privacy-anonymous = Anonymous
complaint-privacy-anonymous-hint = The report is shown to the public; your identity is hidden from the handling organisation too.
complaint-privacy-confidential = Confidential
complaint-privacy-confidential-hint = The report is not shown to the public; only the officers handling it see it.
complaint-field-contact = Your contact
complaint-hint-contact = Give an e-mail address or a phone number so that we can keep you informed. Your contact is never shown.
complaint-field-name = Name (optional)
complaint-field-email = E-mail
complaint-field-phone = Phone number
complaint-field-files = Attachments (photos or PDF, at most { $max })
complaint-hint-files = JPEG/PNG/WebP photos or PDF. Location data inside photos is removed automatically.
complaint-submit = Send the report
complaint-submitted-title = Report sent
complaint-submitted-code = The tracking code of your report:
complaint-submitted-link = Your follow-up link
complaint-submitted-keep = Keep this link: it is shown once. With it you can follow, answer and rate the handling of your report.
complaint-submitted-view = View the report
complaint-error-filter = Invalid filter: check the kind, category, region, status, year or page.
complaint-list-title = Citizens' complaints and aspirations
complaint-list-count = { $count ->
    [one] { $count } report
   *[other] { $count } reports
}
complaint-list-count-more = More than { $count } reports
complaint-list-empty = No report matches.
complaint-filter-q = Search
complaint-filter-district = District
complaint-filter-status = Status
complaint-filter-year = Year
complaint-filter-apply = Apply
complaint-any = Any
complaint-overdue = Overdue
complaint-col-code = Code
complaint-col-place = Location
complaint-col-due = Due
complaint-prev = ← Previous
complaint-next = Next →
complaint-state-submitted = Submitted
complaint-state-deferred = Deferred
complaint-state-routed = Routed
complaint-state-followed_up = Followed up
complaint-state-completed = Completed
complaint-state-not_our_authority = Not our authority
complaint-state-archived = Archived
complaint-back = ← All reports
complaint-opened = Received
complaint-organisation = Handled by
complaint-timeline = History of the report
complaint-role-verifier = Verifier
complaint-role-organisation = Organisation
complaint-role-reporter = Reporter
complaint-role-system = System
complaint-entry-transition = Status change
complaint-entry-public_note = Note
complaint-entry-internal_note = Internal note
complaint-entry-reporter_message = Report
complaint-entry-system = System
complaint-action-verify_and_route = Verified and routed
complaint-action-defer = Deferred
complaint-action-not_our_authority = Not our authority
complaint-action-archive = Archived
complaint-action-respond = Followed up
complaint-action-reroute = Routed to another organisation
complaint-action-reporter_reply = Reporter's reply
complaint-action-confirm_done = Reporter confirmed completion
complaint-action-auto_complete = Completed automatically
complaint-action-close = Closed
complaint-action-set_privacy = Privacy changed
complaint-action-escalate = Overdue
complaint-reply-title = Your answer
complaint-reply-intro = Not solved? Write a reply and the report goes back to the organisation. Solved? Confirm it and rate the handling.
complaint-reply-body = Reply
complaint-reply-submit = Send the reply
complaint-rating = Rating of the handling (1 = poor, 5 = very good)
complaint-rating-comment = Comment (optional)
complaint-done-submit = Confirm completion
complaint-rated = Thank you for your rating.
complaint-rated-value = Your rating: { $rating } out of 5.
complaint-error-rating = The rating must be 1 to 5.
complaint-error-rate-limited = Too many reports from this address in the last hour. Please wait a while and send again; what you typed is kept in this form. If you report often, sign in with an account so that you are not limited.
complaint-mine-title = My reports
complaint-mine-empty = You have not sent any report yet.

# Mails to the reporter
complaint-mail-receipt-subject = Your report was received: { $code }
complaint-mail-receipt-body-guest = Thank you. We received your report with the number { $code }.

    Keep the following link: only with it can you read the answer, reply and rate the handling without an account. Do not share it.
    { $link }

    A verifier checks the report within 3 working days, then passes it to the responsible agency.
complaint-mail-receipt-body-user = Thank you. We received your report with the number { $code }.

    Follow it with your account: { $link }

    A verifier checks the report within 3 working days, then passes it to the responsible agency.
