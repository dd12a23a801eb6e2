# Accounts: registration, sign-in/out, passwords, staff workspace.

acc-role-officer = Officer
acc-role-verifier = Verifier
acc-role-supervisor = Supervisor
acc-role-admin = Administrator

acc-field-name = Full name
acc-field-email = E-mail address
acc-field-password = Password
acc-field-nik = NIK (optional)
acc-field-phone = Mobile number (optional)
acc-field-address = Address (optional)
acc-field-current-password = Current password
acc-field-new-password = New password
acc-field-new-password-confirm = Repeat the new password

acc-hint-password = At least 10 characters. A short sentence you can remember is safer than a complicated word.
acc-hint-nik = The 16 digits on your ID card (KTP). Never shown to the public.
acc-hint-phone = For example: +62 812-3456-7890 or 081234567890. Never shown to the public.

acc-err-email-required = Enter an e-mail address.
acc-err-email = This e-mail address is not valid. A valid one looks like name@example.id.
acc-err-email-taken = This e-mail address already has an account. Sign in, or use "Forgot password".
acc-err-name-required = Enter your full name.
acc-err-name-length = The name must be 2 to 100 characters long.
acc-err-name-chars = The name contains characters that are not allowed.
acc-err-password-required = Enter the password.
acc-err-password-short = The password must be at least 10 characters long.
acc-err-password-long = The password may be at most 200 characters long.
acc-err-password-mismatch = The two new passwords are not the same.
acc-err-current-password = The current password is wrong.
acc-err-nik = The NIK must be the 16 digits on your ID card.
acc-err-phone = The mobile number must start with +62 8 or 08, for example 081234567890.
acc-err-address-long = The address may be at most 300 characters long.
acc-err-credentials = Wrong e-mail address or password.
acc-err-rate-limited = Too many failed sign-in attempts. For your safety, wait 15 minutes and try again.

acc-register-title = Create a citizen account
acc-register-intro = With an account you can follow your complaints and information requests. Your personal data is never shown to the public.
acc-register-submit = Create account
acc-link-have-account = Already have an account? Sign in

acc-login-title = Sign in
acc-login-submit = Sign in
acc-link-forgot = Forgot your password?
acc-link-register = No account yet? Create one
acc-link-login = Back to sign-in

acc-account-title = My account
acc-account-roles = Roles
acc-account-no-roles = You hold no role in any organisation.
acc-account-workspace = Open the workspace
acc-password-title = Change password
acc-password-intro = When the password is changed, every other session (on other devices) is ended.
acc-password-submit = Save the new password

acc-forgot-title = Forgot password
acc-forgot-intro = Enter the e-mail address of your account. We will send you a link to choose a new password.
acc-forgot-submit = Send the link
acc-forgot-sent-title = Check your e-mail
acc-forgot-sent-text = If that address has an account, we have sent it a link to choose a new password. The link is valid for one hour and works only once.
acc-reset-mail-subject = Reset your Terbuka Bojonegoro password
acc-reset-mail-body =
    Hello { $name },

    Someone (hopefully you) asked to reset the password of your Terbuka Bojonegoro account.
    Open this link to choose a new password. It is valid for one hour and works only once:

    { $link }

    If you did not ask for this, ignore this e-mail; your password stays the same.
acc-reset-title = Choose a new password
acc-reset-intro = Once saved, every session of this account is ended and you can sign in with the new password.
acc-reset-submit = Save the new password
acc-reset-invalid-title = This link is not valid
acc-reset-invalid-text = This link has expired, has been used already, or is unknown. Please ask for a new one.

acc-ws-title = Workspace
acc-ws-intro = The organisations in which you hold a role, and what you can manage there.
acc-ws-public-page = Public page
acc-ws-edit-profile = Edit the organisation's profile
acc-ws-back = Back to the workspace
acc-profile-title = Organisation profile
acc-profile-intro = These details appear on the organisation's public page.
acc-profile-submit = Save the profile

notice-acc-welcome = Welcome! Your account has been created and you are signed in.
notice-acc-signed-out = You have signed out.
notice-acc-password-changed = Your password has been changed. Sessions on other devices have been ended.
notice-acc-password-reset = Your new password has been saved. Please sign in.
