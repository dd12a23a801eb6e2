# Admin pages: users, roles, organisations.

adm-title = Administration
adm-intro = Manage the portal's users, roles and organisations. Every change is recorded in the audit log.
adm-area-users = Users and roles
adm-area-users-text = Create officers' accounts, disable accounts, grant or take away roles per organisation.
adm-area-orgs = Organisations
adm-area-orgs-text = Agencies (OPD), district offices and village governments, with their profiles.
adm-area-news = News
adm-area-news-text = Write, publish and withdraw the portal's news.
adm-area-calendar = Working-day calendar
adm-area-calendar-text = National holidays and collective leave days used to compute deadlines.
adm-area-audit = Audit log
adm-area-audit-text = Who changed what and when, with the data before and after.
adm-area-mail = Outgoing mail
adm-area-mail-text = E-mail sent by the portal, and its status.
adm-area-files = Files
adm-area-files-text = Uploaded files: name, type, size and SHA-256 fingerprint.

adm-save = Save
adm-search = Search
adm-search-submit = Search
adm-pages = Pages
adm-prev = ‹ Previous
adm-next = Next ›
adm-page-of = Page { $page } of { $pages }
adm-back-users = Back to the user list
adm-back-orgs = Back to the organisation list

adm-kind-regency = Regency government
adm-kind-opd = Regional agency (OPD)
adm-kind-kecamatan = District (kecamatan)
adm-kind-village = Village (desa/kelurahan)

adm-users-title = Users
adm-users-count = { $count ->
    [one] { $count } user
   *[other] { $count } users
}
adm-user-title = User
adm-user-new-title = Create a user
adm-user-new-intro = Create a new account, for example for an organisation's officer. Hand over the initial password privately; the user should change it soon.
adm-user-create = Create user
adm-user-initial-password = Initial password
adm-hint-initial-password = At least 10 characters.
adm-user-organisation = Organisation
adm-user-role = Role
adm-user-no-organisation = — no organisation (citizen) —
adm-user-no-role = — no role —
adm-user-choose-organisation = — choose an organisation —
adm-user-roles = Roles
adm-user-no-roles = This user holds no role.
adm-user-status = Status
adm-user-created = Created
adm-user-details = User details
adm-user-active = Account active (may sign in)
adm-user-is-active = active
adm-user-is-inactive = disabled
adm-user-add-role = Add a role
adm-user-add-role-submit = Add the role
adm-user-remove-role = Remove

adm-orgs-title = Organisations
adm-orgs-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
adm-org-new-title = Add an organisation
adm-org-edit-title = Edit organisation
adm-org-all-kinds = All kinds
adm-org-public-page = See the public page
adm-org-id = Code (ID)
adm-hint-org-id = Lower-case letters, digits, dots or hyphens, e.g. dinas-perikanan. Cannot be changed later.
adm-org-name = Name
adm-org-short-name = Short name
adm-org-kind = Kind
adm-org-region = Region code
adm-hint-org-region = The Kemendagri code, e.g. 35.22 (regency) or 35.22.15 (district).
adm-org-parent = Parent organisation
adm-org-no-parent = — no parent —
adm-org-description = Description
adm-org-address = Office address
adm-org-phone = Office telephone
adm-hint-org-phone = For example: (0353) 881826.
adm-org-email = Office e-mail
adm-org-website = Website
adm-hint-website = The full address with https://, e.g. https://bojonegorokab.go.id.
adm-org-head-name = Name of the head

adm-err-role = Choose one of the roles offered.
adm-err-role-required = Choose a role for this organisation.
adm-err-organisation = Choose a registered organisation.
adm-err-organisation-required = Choose the organisation for this role.
adm-err-self-deactivate = You cannot disable your own account.
adm-err-self-admin = You cannot take away your own administrator role.
adm-err-org-id = The code must be 2–64 characters: lower-case letters, digits, dots or hyphens.
adm-err-org-id-taken = Another organisation already uses this code.
adm-err-org-name = The name must be 2 to 200 characters long.
adm-err-org-short-name = The short name must be 1 to 60 characters long.
adm-err-org-kind = Choose the kind of organisation.
adm-err-org-region = This region code is unknown.
adm-err-org-parent = The parent organisation is unknown.
adm-err-org-parent-cycle = An organisation cannot be the parent of itself or of its own parents.
adm-err-org-phone = The telephone number may only hold digits, spaces and ( ) + - . / (at most 40 characters).
adm-err-website = The website address must start with http:// or https://, e.g. https://bojonegorokab.go.id.
adm-err-too-long = This entry is too long.
