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
