# audit messages
publog-title = Publication log
publog-lead = Every publication of a public record (budgets, contracts, datasets, answers, news) is recorded here, chained with SHA-256 hashes. Anyone can download this log and check that nothing was changed or removed silently after it was published.
publog-download-json = Download the log (JSON)
publog-download-csv = Download the log (CSV)
publog-verify-title = How to verify this log
publog-verify-1 = Each entry carries the SHA-256 of the published content (content hash) and the hash of the previous entry. The entry hash is computed over the following fields, joined by newlines (\n), as lowercase hexadecimal:
publog-verify-2 = The first entry (number 1) refers to the genesis hash { $genesis }. Sequence numbers run 1, 2, 3… without gaps, and each entry's prev_hash must equal the previous entry's entry_hash.
publog-verify-3 = Download the JSON or CSV file (all entries, oldest first), recompute every hash and compare. The portal's operators run the same check with the command:
publog-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
publog-empty = Nothing has been published yet.
publog-col-seq = No.
publog-col-time = Time
publog-col-module = Module
publog-col-title = Title
publog-col-organisation = Organisation
publog-col-hashes = Hashes
publog-content-hash = Content
publog-entry-hash = Entry
audit-pager-label = Pages
audit-pager-prev = ‹ Previous
audit-pager-next = Next ›
audit-pager-position = Page { $page } of { $pages }
audit-title = Audit log
audit-lead = Every change by staff: who, what, when, before and after.
audit-filter-entity = Kind of record
audit-filter-all = All
audit-filter-id = Record ID
audit-filter-actor = Actor (name)
audit-filter-apply = Filter
audit-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
audit-empty = No matching entries.
audit-col-time = Time
audit-col-actor = Actor
audit-col-action = Action
audit-col-entity = Record
audit-col-change = Change
audit-before = Before
audit-after = After
outbox-title = Outbox
outbox-lead = E-mail sent by the portal: what was sent, what is waiting, and what failed and why.
outbox-no-smtp = No SMTP server is configured (TERBUKA_SMTP_URL is empty): messages stay waiting here.
outbox-pending = { $count ->
    [one] { $count } message waiting to be sent
   *[other] { $count } messages waiting to be sent
}
outbox-filter = Filter
outbox-filter-all = All
outbox-filter-pending = Waiting
outbox-filter-failed = Failed
outbox-filter-sent = Sent
outbox-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
outbox-empty = No messages.
outbox-col-created = Created
outbox-col-to = To
outbox-col-subject = Subject
outbox-col-status = Status
outbox-sent-at = Sent { $time }
outbox-waiting = Waiting
outbox-attempts = { $count ->
    [one] tried once
   *[other] tried { $count } times
}
files-title = Files
files-lead = Upload documents and images. The type is checked from the content; location (GPS) and other metadata are removed from photos; the SHA-256 fingerprint is recorded.
files-field-file = File
files-field-file-hint = (JPEG, PNG, WebP, GIF, PDF, CSV, TXT, XLSX, ODS, DOCX; at most { $mb } MB)
files-field-public = Show to the public
files-upload = Upload
files-private = private
files-col-name = Name
files-col-type = Type
files-col-size = Size (bytes)
files-col-sha256 = SHA-256
files-col-created = Uploaded
files-error-empty = Choose a file that is not empty.
files-error-too-large = The file is too large.
files-error-type = This kind of file is not accepted. Use JPEG, PNG, WebP, GIF, PDF, CSV, TXT, XLSX, ODS or DOCX.
files-error-extension = The file name's extension does not match its content.
files-error-corrupt = The image file is damaged.
