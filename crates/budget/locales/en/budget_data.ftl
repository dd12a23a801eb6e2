## Budget: JSON API, Fiscal Data Package, publication schedule.

budget-api-bad-by = The “by” parameter must be organisation, function or account.
budget-api-bad-level = Unknown “level” for this breakdown (function: urusan, bidang, program, kegiatan, sub_kegiatan; account: akun, kelompok, jenis, account; organisation: organisation).
budget-api-bad-parent = The “parent” parameter must be a code of a level above “level” in the same breakdown.
budget-api-bad-organisation = Invalid organisation code (e.g. 1.03.0.00.0.00.01.0000).
budget-api-bad-direction = The “direction” parameter must be expenditure, revenue or financing.
budget-api-bad-sub-kegiatan = Invalid sub-activity code (e.g. 1.01.01.2.01.0001).

budget-schedule-title = Budget publication schedule
budget-schedule-intro = The statutory deadlines of the budget documents, the publication that met each, and the ones that came late or are still missing.
budget-schedule-today = As of { $date } (Western Indonesian Time).
budget-schedule-year = Fiscal year { $year }
budget-schedule-col-publication = Publication
budget-schedule-col-deadline = Deadline
budget-schedule-col-published = Published
budget-schedule-col-status = Status
budget-schedule-on-time = On time
budget-schedule-late = Late
budget-schedule-overdue = Overdue, not published
budget-schedule-pending = Not yet due
budget-schedule-not-made = None (not required)
