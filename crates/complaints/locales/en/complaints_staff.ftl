# complaints: staff pages
cstaff-queue-title = Complaint verification queue
cstaff-queue-intro = Reports waiting for verification (submitted or deferred), oldest first. Verification is due within 3 working days.
cstaff-inbox-title = Complaints inbox
cstaff-ws-inbox = Complaints for this organisation
cstaff-count = { $count ->
    [one] { $count } report
   *[other] { $count } reports
}
cstaff-none = No reports here.
cstaff-col-code = Tracking code
cstaff-col-title = Title
cstaff-col-category = Category
cstaff-col-state = Status
cstaff-col-opened = Received
cstaff-col-due = Due
cstaff-overdue = Overdue
cstaff-organisation = Organisation
cstaff-show = Show
cstaff-tabs = Report groups
cstaff-tab-baru = New
cstaff-tab-segera = Due soon
cstaff-tab-terlambat = Overdue
cstaff-tab-dijawab = Answered
cstaff-state-submitted = Submitted
cstaff-state-deferred = Deferred
cstaff-state-routed = Routed
cstaff-state-followed_up = Followed up
cstaff-state-completed = Completed
cstaff-state-not_our_authority = Not our authority
cstaff-state-archived = Archived
cstaff-kind-pengaduan = Complaint
cstaff-kind-aspirasi = Aspiration
cstaff-kind-permintaan_informasi = Request for information
cstaff-action-verify_and_route = Verify and route
cstaff-action-defer = Defer
cstaff-action-not_our_authority = Not our authority
cstaff-action-archive = Archive
cstaff-action-respond = Answer (follow-up)
cstaff-action-reroute = Route to another organisation
cstaff-action-reporter_reply = Reporter's reply
cstaff-action-confirm_done = Reporter confirmed completion
cstaff-action-auto_complete = Completed automatically
cstaff-action-close = Close the report
cstaff-action-set_privacy = Privacy changed
cstaff-action-escalate = Past its due date
cstaff-entry-transition = Status change
cstaff-entry-public_note = Public note
cstaff-entry-internal_note = Internal note
cstaff-entry-reporter_message = Reporter's message
cstaff-entry-system = System
cstaff-role-verifier = Verifier
cstaff-role-organisation = Organisation
cstaff-role-reporter = Reporter
cstaff-role-system = System
cstaff-privacy = Privacy
cstaff-privacy-public = Public
cstaff-privacy-anonymous = Anonymous (reporter's identity hidden)
cstaff-privacy-confidential = Confidential (not shown to the public)
cstaff-privacy-submit = Change privacy
cstaff-kind = Kind
cstaff-region = Region
cstaff-location = Location
cstaff-description = Report
cstaff-reporter = Reporter (personal data)
cstaff-reporter-name = Name
cstaff-reporter-email = E-mail
cstaff-reporter-phone = Phone
cstaff-reporter-nik = NIK
cstaff-reporter-address = Address
cstaff-reporter-account = The reporter sent this report with a registered account.
cstaff-timeline = Handling history
cstaff-internal = Internal
cstaff-files = { $count ->
    [one] { $count } attachment
   *[other] { $count } attachments
}
cstaff-route-to = Route to organisation
cstaff-body = Remarks (optional)
cstaff-body-required = Remarks or answer (required)
cstaff-attachments = Attachments
cstaff-note = Add a note
cstaff-note-public = Show to the public (unticked: internal note)
cstaff-note-submit = Save note
cstaff-done = Saved.
cstaff-mail-subject = Update on report { $code }: { $step }
cstaff-mail-body-user = Your report { $code } is now "{ $state }" ({ $step }).

    Follow it at { $link }
cstaff-mail-body-guest = Your report { $code } is now "{ $state }" ({ $step }).

    Open the follow-up link you saved when you sent the report to read the answer and reply. Report page: { $link }

# complaints: categories admin
cadm-area = Complaint categories
cadm-area-text = Report categories and the organisation each is routed to by default.
cadm-title = Complaint categories
cadm-new-title = New category
cadm-edit-title = Edit category
cadm-id = Code
cadm-hint-id = Lower-case letters, digits and hyphens; cannot be changed later.
cadm-name-id = Name (Indonesian)
cadm-name-en = Name (English)
cadm-default-organisation = Default organisation
cadm-position = Position
cadm-active = Active
cadm-yes = Yes
cadm-no = No
cadm-save = Save
cadm-back = Back to the categories
cadm-err-id = A code of 2–60 characters: lower-case letters, digits and hyphens, starting with a letter.
cadm-err-id-taken = This code is already taken.
cadm-err-name = A name of 2–120 characters.
cadm-err-organisation = Choose a registered organisation.
cadm-err-position = The position is a whole number from 0 to 10000.

# Publishing attachments
cstaff-file-public = public
cstaff-file-private = not public
cstaff-file-publish = Publish
cstaff-file-unpublish = Unpublish
cstaff-error-publish-confidential = Attachments of a confidential report cannot be published.
cstaff-error-publish-internal = Only attachments of public entries can be published; those of internal notes stay closed.
