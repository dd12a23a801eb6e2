data-live-refused = No row was written: some records do not fit the table.
data-live-more-problems = …and { $count } more problems.
data-live-not-tabular = This resource is not a table, so rows cannot be added to it.
data-live-no-key = This table has no key, so rows can only be appended (POST), not upserted (PUT).
data-live-bad-body = The request body must be JSON of the form {"{"}"records": [...]{"}"}.
data-live-record-count = Send between 1 and 10,000 records in one request.
