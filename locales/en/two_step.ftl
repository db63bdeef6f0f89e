# Two-step sign-in: the code after the password, the authenticator app, recovery codes.
login-code-title = Your second step
login-code = Code
login-code-hint = The six digits your authenticator app shows now, or one of your recovery codes.
login-code-invalid = That code is not right (or was used already). { $then }
login-code-start-again = Start again with the password
login-code-passkey-only = This account's second step is one of its passkeys, and your browser needs JavaScript for it. Lost them? An admin can reset the account's two-step sign-in.
two-step-title = Two-step sign-in
two-step-intro = After your password, Folio asks for a code from an app on your phone, so a guessed or stolen password alone does not get anyone in.
two-step-totp-on = An authenticator app is set up.
two-step-totp-off = No authenticator app is set up.
two-step-recovery-left = { $count ->
    [one] One recovery code is left.
   *[other] { $count } recovery codes are left.
}
two-step-totp-set-up = Set up an authenticator app
two-step-totp-remove = Turn off the authenticator app
two-step-new-codes = New recovery codes
totp-setup-title = Set up an authenticator app
totp-setup-scan = Scan this QR code with an authenticator app (such as Aegis, FreeOTP, Google Authenticator or 1Password).
totp-setup-qr-alt = QR code for the authenticator app
totp-setup-or-type = Or type this key into the app:
totp-setup-uri = The address the QR code holds:
totp-setup-code-hint = The six digits the app shows now.
totp-setup-confirm = Confirm and turn on
totp-setup-wrong-code = That code is not right. Check that the phone's clock is right, and type the code the app shows now.
totp-setup-cancel = Cancel
recovery-codes-title = Your recovery codes
totp-on = Two-step sign-in is on. From now on Folio asks for a code after your password.
recovery-codes-new = These new recovery codes replace the old ones, which no longer work.
recovery-codes-once = Keep these codes somewhere safe, apart from your phone: each one works once in place of a code, if the phone is lost. They are shown only now.
recovery-codes-done = I have kept them
flash-totp-already-on = An authenticator app is already set up; turn it off first to set up another.
flash-totp-off = The authenticator app is turned off; its recovery codes no longer work.
log-detail-whose = { $username }
accounts-two-step-on = two-step sign-in on
accounts-reset-two-step = Reset two-step sign-in
flash-two-step-reset = { $name }'s second factors are removed and all of { $name }'s sessions are ended: { $name } signs in with the password alone and can set up two-step sign-in again.
devices-title = Devices signed in
devices-browser = Browser
devices-ip = IP address
devices-last-used = Last used
devices-unknown-browser = An unknown browser
devices-this-one = (this one)
devices-sign-out = Sign out
devices-sign-out-others = Sign out everywhere else
flash-device-signed-out = That device is signed out.
flash-device-gone = That device was signed out already.
flash-devices-signed-out = { $count ->
    [0] No other device was signed in.
    [one] One other device is signed out.
   *[other] { $count } other devices are signed out.
}
two-step-required = This site requires two-step sign-in for every account. Set it up here before you go on: the other admin pages open once it is on.
settings-sign-in = Signing in
settings-require-two-step = Require two-step sign-in for every account
settings-require-two-step-hint = An account with neither an authenticator app nor a passkey is taken to set one up right after signing in, before any other admin page.
login-passkey = Sign in with a passkey
passkey-failed = The passkey did not answer (cancelled, or not for this site). Try again, or sign in with your password.
passkey-busy = Too many sign-ins with a passkey are under way. Try again in a few minutes, or sign in with your password.
passkey-refused = That passkey was not accepted. Sign in with your password, or try the passkey again.
passkeys-title = Passkeys
passkeys-intro = A passkey signs you in with your phone, laptop or security key (fingerprint, face or PIN) instead of the password: nothing to type, nothing to phish. Adding one needs JavaScript.
passkeys-added = added
passkeys-last-used = last used
passkeys-never-used = not used yet
passkeys-remove = Remove
passkeys-name = Name of the new passkey
passkeys-name-hint = So you can tell them apart, such as “Laptop” or “Phone”.
passkeys-add = Add a passkey
flash-passkey-added = The passkey “{ $name }” is added: “Sign in with a passkey” on the login page uses it.
flash-passkey-known = That passkey is added already.
flash-passkey-removed = The passkey is removed; it no longer signs in.
flash-passkey-gone = That passkey was removed already.
log-detail-passkey = passkey “{ $name }”
