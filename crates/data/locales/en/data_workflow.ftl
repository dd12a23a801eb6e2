# The producer → walidata workflow (/kelola/data)
data-wf-list-title = Manage data
data-wf-list-intro = Your organisation's datasets and where each stands: draft, submitted to the walidata, returned with a note, or verified (published).
data-wf-list-none = No datasets yet.
data-wf-back = ← Manage data
data-wf-back-to = ← { $title }
data-wf-new-title = New dataset
data-wf-new-intro = A new dataset starts as draft version 1. Fill in the metadata, add resources, then submit it to the walidata. Fields marked * are required.
data-wf-create = Create draft
data-wf-save = Save metadata
data-wf-metadata = Metadata
data-wf-public-page = Public page
data-wf-waiting = The walidata is reviewing this version; it cannot be changed.
data-wf-review-note = The walidata's note
data-wf-history = Versions
data-wf-col-version = Version
data-wf-col-status = Status
data-wf-col-published = Published version
data-wf-col-updated = Updated
data-wf-col-submitted = Submitted
data-wf-col-column = Column
data-wf-col-type = Type
data-wf-col-description = Description
data-wf-col-unit = Unit
data-wf-col-examples = Example values
data-wf-col-inferred = Type found
data-wf-col-row = Row
data-wf-col-problem = Problem
data-wf-col-field = Part
data-wf-col-before = Published version
data-wf-col-after = This version
data-wf-col-created = Created
data-wf-col-last-used = Last used
data-wf-status-draft = Draft
data-wf-status-submitted = Submitted
data-wf-status-returned = Returned
data-wf-status-verified = Verified
data-wf-status-superseded = Superseded
data-wf-region-regency = regency
data-wf-region-district = district
# Dataset form fields
data-wf-field-name = Name (address)
data-wf-hint-name = Lowercase letters, digits, - and _, 2–100 characters; it becomes the address /data/name and cannot be changed.
data-wf-field-organisation = Data producer
data-wf-field-title = Title
data-wf-field-notes = Description
data-wf-hint-notes = What the data holds, where it comes from and how it was collected. Required before submitting.
data-wf-field-groups = Topics
data-wf-hint-groups = Hold Ctrl (or Cmd) to choose more than one.
data-wf-field-tags = Keywords
data-wf-hint-tags = Separate with commas, at most 20.
data-wf-field-licence = Licence
data-wf-field-frequency = Update frequency
data-wf-field-temporal-start = Time coverage: from
data-wf-field-temporal-end = Time coverage: to
data-wf-field-regions = Spatial coverage
data-wf-hint-regions = The regency and/or districts the data covers (Kemendagri codes). Hold Ctrl (or Cmd) to choose more than one.
data-wf-field-concept = Concept
data-wf-hint-concept = Data standard (Perpres 39/2019): the idea being measured.
data-wf-field-definition = Definition
data-wf-field-unit = Unit
data-wf-field-classification = Classification
data-wf-field-measure = Measure
data-wf-field-contact-name = Contact
data-wf-field-contact-email = Contact e-mail (office address)
# Error messages
data-wf-error-name = The name may hold only lowercase letters, digits, - and _, 2 to 100 characters long.
data-wf-error-name-reserved = This name is used by the data management pages; choose another.
data-wf-error-name-taken = Another dataset already has this name.
data-wf-error-organisation = Choose an organisation for which you are a data producer.
data-wf-error-required = Required.
data-wf-error-too-long = Too long or contains characters that are not allowed.
data-wf-error-licence = Choose a licence from the list.
data-wf-error-frequency = Choose an update frequency from the list.
data-wf-error-group = Choose topics from the list.
data-wf-error-region = Choose regions from the list.
data-wf-error-tags-many = At most 20 keywords.
data-wf-error-tag = Keywords are at most 100 characters, without < > ".
data-wf-error-date = Write the date as YYYY-MM-DD.
data-wf-error-date-order = The end date may not be before the start date.
data-wf-error-email = The e-mail address is not valid.
data-wf-error-not-editable = This version can no longer be changed (it was submitted or verified).
data-wf-error-new-version = A new version can only be made from a verified version.
data-wf-error-not-submitted = This version is not waiting for review.
data-wf-error-note = Write a note for the data producer: what must be fixed.
data-wf-error-file-or-link = Upload one file or fill in one link.
data-wf-error-format = This kind of file is not accepted: upload CSV, XLSX, JSON, GeoJSON or PDF.
data-wf-error-json = The file's content is not valid JSON.
data-wf-error-geojson = The file's content is not valid GeoJSON (a JSON object with "type").
data-wf-error-url = A link must start with http:// or https:// and name a site.
data-wf-error-link-format = Give the link's format (e.g. HTML, API, CSV), at most 20 letters or digits.
data-wf-error-resource-name = Give the resource a name.
data-wf-error-markers = At most 20 missing-value markers, each at most 50 characters.
data-wf-error-file-used = This file has already been loaded as a resource.
data-wf-error-token-name = Give the token a name (at most 100 characters).
data-wf-missing-notes = The dataset's description is empty.
data-wf-missing-contact = The contact e-mail is empty.
data-wf-missing-resources = Add at least one resource.
# Resources
data-wf-resources = Resources
data-wf-resource = Resource
data-wf-resources-none = No resources yet.
data-wf-resource-file = File, { $size } bytes
data-wf-resource-link = Link
data-wf-resource-table = { $rows } rows, { $columns } columns
data-wf-resource-name = Resource name
data-wf-resource-description = Description
data-wf-resource-file-legend = File
data-wf-resource-upload = Upload a file (CSV, XLSX, JSON, GeoJSON, PDF)
data-wf-resource-link-legend = Or a link
data-wf-resource-url = Address (URL)
data-wf-resource-format = Format
data-wf-add-resource = Add resource
data-wf-add-resource-hint = CSV and XLSX files are read whole and loaded into a queryable table; you will see the report and the data dictionary before loading.
data-wf-save-resource = Save descriptions
data-wf-move-up = Move up
data-wf-move-down = Move down
data-wf-remove = Remove
# Data dictionary
data-wf-dictionary = Data dictionary
data-wf-dictionary-title = Data dictionary: { $file }
data-wf-dictionary-intro = The whole file was read, not only its first rows. Check each column's type, change it if needed, add descriptions and units, then load. The file is loaded whole or not at all.
data-wf-report-title = { $count } problems in the file
data-wf-report-intro = Nothing was loaded. Fix the file and upload it again, or change the dictionary below (e.g. choose Text for a mixed column, or declare a missing-value marker), then load again.
data-wf-report-more = …and { $count } more problems.
data-wf-report-ok = No problems: { $rows } rows ready to load.
data-wf-missing-markers = Missing-value markers
data-wf-missing-markers-hint = Values meaning "no data" besides an empty cell, separated by commas (e.g. -, n/a).
data-wf-missing-count = { $count } missing
data-wf-majority = Most values: { $type }
data-wf-type-inferred = As found
data-wf-load = Load into a table
data-wf-abandon = Cancel (delete the file)
# Submission and versions
data-wf-submit-title = Submit to the walidata
data-wf-submit-intro = The walidata checks the metadata and the data, then verifies it (published to the public) or returns it with a note.
data-wf-submit = Submit
data-wf-new-version-title = New version
data-wf-new-version-intro = Make a draft of the next version with the same metadata and resources; the published version stays public until the new one is verified.
data-wf-new-version = Make a new version
# Walidata
data-wf-queue-title = Data verification
data-wf-queue-intro = Dataset versions submitted by data producers, the longest waiting first.
data-wf-queue-none = Nothing is waiting for verification.
data-wf-review-title = Review: { $title }
data-wf-self-review = You are also a data producer of this organisation; your decision is recorded as a review of your own data.
data-wf-changes = Changes
data-wf-changes-against = Compared with published version { $number }:
data-wf-changes-none = No changes.
data-wf-changes-first = This is the dataset's first publication.
data-wf-diff-added = (new)
data-wf-diff-removed = (removed)
data-wf-decision = Decision
data-wf-verify = Verify and publish
data-wf-return = Return to the producer
data-wf-return-note = Note for the data producer
# API tokens
data-wf-tokens-title = Data API tokens
data-wf-tokens-intro = A token lets your organisation's systems append or update data rows through the API. A token is shown only once; keep it safe and revoke it if it leaks.
data-wf-token-new = New token
data-wf-token-name = Token name
data-wf-token-create = Create token
data-wf-token-once = New token (shown only once)
data-wf-tokens-list = The organisation's tokens
data-wf-tokens-none = No tokens yet.
data-wf-token-revoke = Revoke
data-wf-token-revoked = Revoked { $when }
# Notices
data-wf-ok-created = Dataset draft created.
data-wf-ok-saved = Metadata saved.
data-wf-ok-submitted = Submitted to the walidata.
data-wf-ok-version = Draft of a new version created.
data-wf-ok-added = Resource added.
data-wf-ok-loaded = The file was loaded into a table.
data-wf-ok-removed = Resource removed.
data-wf-ok-moved = Resource order changed.
data-wf-ok-dictionary = Descriptions saved.
data-wf-ok-abandoned = Upload cancelled and its file deleted.
data-wf-ok-verified = Version verified and published.
data-wf-ok-returned = Version returned to the producer with a note.
data-wf-ok-revoked = Token revoked.
data-wf-ok-token = Token created.
# Mail to the data producer
data-wf-mail-returned-subject = Returned by the walidata: { $title } (version { $number })
data-wf-mail-returned-body =
    The walidata returned version { $number } of the dataset "{ $title }" with this note:

    { $note }

    Fix it and submit again: { $link }
data-wf-mail-verified-subject = Verified and published: { $title } (version { $number })
data-wf-mail-verified-body =
    The walidata verified version { $number } of the dataset "{ $title }"; it is now public:
    { $public }

    Manage the dataset: { $link }
data-wf-ws-link = Manage data (data producer)
