package com.aipasta.command.auth;

import com.aipasta.account.api.command.IssueOtpCommand;
import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Issues a one-time password and mails it. The account records the code's keyed hash first and the mail goes out
 * after the event is stored, so the code exists only in this call and in the mail: no handler of the event could
 * send it, and a replay sends nothing. When the mail fails, the recorded code is simply never used; asking again
 * issues a new one in its place.
 */
@Component
public class OtpIssuance {

    private final CommandGateway commands;
    private final OneTimePasswords codes;
    private final OtpMail mail;
    private final EmailProperties properties;
    private final Clock clock;

    public OtpIssuance(CommandGateway commands, OneTimePasswords codes, OtpMail mail, EmailProperties properties,
                       Clock clock) {
        this.commands = commands;
        this.codes = codes;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * False, with nothing sent, when the account takes no code of this purpose now: already verified, locked after
     * wrong codes, a guest's, deactivated, deleted, or never recorded.
     */
    public boolean issue(UserId userId, String normalisedEmail, OtpPurpose purpose) {
        mail.requireEnabled();
        String code = codes.newCode();
        try {
            commands.sendAndWait(new IssueOtpCommand(userId, purpose, codes.hashCode(userId, purpose, code),
                    clock.instant(), properties.otpRules()));
        } catch (DomainException | AggregateNotFoundException refused) {
            return false;
        }
        mail.send(normalisedEmail, purpose, code);
        return true;
    }
}
