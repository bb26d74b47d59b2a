package com.aipasta.account.api.value;

import java.util.Locale;

/** What a one-time password proves: the account's e-mail address, or the right to set a new password. */
public enum OtpPurpose {
    EMAIL_VERIFICATION, PASSWORD_RESET;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
