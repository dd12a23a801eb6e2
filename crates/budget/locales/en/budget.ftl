## Budget (APBD): codes, import, and the import's problem report.

budget-stage-murni = Original budget
budget-stage-perubahan = Revised budget
budget-stage-realisasi = Realisation

budget-level-urusan = Government affair
budget-level-bidang = Affair field
budget-level-program = Programme
budget-level-kegiatan = Activity
budget-level-sub-kegiatan = Sub-activity
budget-level-akun = Account
budget-level-kelompok = Account group
budget-level-jenis = Account type
budget-level-objek = Account object
budget-level-rincian-objek = Object detail
budget-level-sub-rincian-objek = Object sub-detail

budget-problem-at-cell = Row { $row }, column { $column }
budget-problem-at-row = Row { $row }
budget-problem-file = File

budget-code-empty = The code is required.
budget-code-malformed-function = The code “{ $code }” is not an affair/programme/activity/sub-activity code (a sub-activity looks like 1.01.01.2.01.0001).
budget-code-malformed-account = The account code “{ $code }” is malformed (e.g. 5.1.02.01.01.0001).
budget-code-malformed-organisation = The organisation code “{ $code }” is malformed (e.g. 1.03.0.00.0.00.01.0000).
budget-code-unknown-urusan = The code “{ $code }” has an unknown government affair (1–8).
budget-code-unknown-account = The account code “{ $code }” is unknown: the account must be 4, 5 or 6 and its group one of Permendagri 90/2019.
budget-code-wrong-level = The code “{ $code }” is at the wrong level for this column.
budget-account-too-general = The account code “{ $code }” is too general: give at least the account type (e.g. 5.1.02).

budget-amount-empty = The amount is required.
budget-amount-not-number = “{ $value }” is not an amount in rupiah.
budget-amount-separators = The thousands or decimal separators of “{ $value }” are ambiguous: write 1.234.567 or 1234567.
budget-amount-fraction = “{ $value }” has a fraction of a rupiah; amounts must be whole.
budget-amount-too-large = “{ $value }” is too large for one line.
budget-amount-negative = A budget amount cannot be negative.

budget-cell-boolean = The cell holds a true/false value, not text or a number.
budget-cell-date = The cell is formatted as a date; format it as text or a number.
budget-cell-error = The cell holds a formula error (such as #REF!).

budget-name-required = The name is required.
budget-name-differs = Code { $code } is already named “{ $name }” in row { $first_row }; a code must always have the same name.
budget-duplicate-line = This row repeats row { $first_row } (same organisation, sub-activity, account and source of funds).
budget-line-overlaps = Account { $code } lies under account { $parent }, which is also present for the same sub-activity: a subtotal row would be counted twice.
budget-sub-kegiatan-required = Operating and capital spending need a sub-activity code.
budget-sub-kegiatan-not-allowed = Revenue and financing rows have no sub-activity (“{ $code }”).
budget-sub-kegiatan-not-in-parent = Sub-activity { $sub } does not lie under { $code }.
budget-month-invalid = The month “{ $value }” must be a number from 1 to 12.
budget-total-too-large = The sum of all rows is too large.

budget-file-empty = The file holds no budget rows.
budget-file-too-large = The file is larger than the limit of { $mb } MB.
budget-file-too-large-unpacked = The XLSX file's content is too large once unpacked.
budget-file-too-many-rows = The file has more than { $max } rows.
budget-file-type = Only CSV or XLSX files are accepted.
budget-file-not-xlsx = The file is named .xlsx but is not a complete XLSX workbook.
budget-file-not-csv = The file is named .csv but is not CSV text.
budget-file-not-utf8 = CSV files must be saved as UTF-8 (in Excel: “CSV UTF-8”).
budget-file-csv-broken = The CSV file is broken at this row (an unclosed quote?).
budget-file-no-header = The header row was not found: a “{ $column }” column must be in the first 30 rows of the sheet read.
budget-file-no-sheet = The workbook has no sheet.
budget-file-missing-columns = Required columns are missing: { $columns }.
budget-file-merged-cells = Merged cells { $cells } in the data area; unmerge them before importing.
budget-file-formula-without-value = Cell { $cell } holds a formula without a stored value; open and save the file in Excel, or replace the formula with its value.

budget-year-invalid = The fiscal year { $year } is not valid.
budget-publish-not-found = No such budget version.
budget-publish-not-draft = Only a draft version can be published.
budget-realisation-no-plan = No budget (APBD) for { $year } has been published: realisation can only be imported for a published budget. Publish that year's original (or revised) budget first.
budget-realisation-not-in-plan = This line is not in the published APBD { $stage } (version { $version }): organisation { $organisation }, sub-activity { $sub }, account { $account }.
