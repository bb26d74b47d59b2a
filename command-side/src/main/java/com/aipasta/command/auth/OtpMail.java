package com.aipasta.command.auth;

import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * Sends one-time passwords over SMTP (Spring's {@link JavaMailSenderImpl}), or, with no {@code SMTP_HOST}, refuses
 * with 503 {@code EMAIL_DISABLED}. The sender is kept here rather than as a bean, so Actuator does not make the SMTP
 * server part of the platform's health.
 */
@Component
public class OtpMail {

    private static final Logger log = LoggerFactory.getLogger(OtpMail.class);
    private static final String TIMEOUT_MILLIS = "10000";

    private final EmailProperties properties;
    private final JavaMailSenderImpl sender;

    public OtpMail(EmailProperties properties) {
        this.properties = properties;
        this.sender = properties.enabled() ? sender(properties) : null;
    }

    public boolean enabled() {
        return sender != null;
    }

    public void requireEnabled() {
        if (sender == null) {
            throw new DomainException(ErrorCode.EMAIL_DISABLED,
                    "E-mail is not configured on this server (SMTP_HOST): verification and password reset are off");
        }
    }

    /** Sends the code to {@code to}; a server that does not take it is 503 {@code EMAIL_NOT_SENT}. */
    public void send(String to, OtpPurpose purpose, String code) {
        requireEnabled();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to);
        long minutes = Math.max(1, properties.otpLifetime().toMinutes());
        if (purpose == OtpPurpose.EMAIL_VERIFICATION) {
            message.setSubject("Your AI Pasta verification code: " + code);
            message.setText("Your code to verify this e-mail address is " + code + ".\n\nIt expires in " + minutes
                    + " minutes. If you did not create an account, ignore this message.\n");
        } else {
            message.setSubject("Your AI Pasta password reset code: " + code);
            message.setText("Your code to reset your password is " + code + ".\n\nIt expires in " + minutes
                    + " minutes. If you did not ask for it, ignore this message: your password stays as it is.\n");
        }
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("The SMTP server did not take a {} message: {}", purpose, e.getClass().getSimpleName());
            throw new DomainException(ErrorCode.EMAIL_NOT_SENT,
                    "The e-mail could not be sent; try again in a moment");
        }
    }

    private static JavaMailSenderImpl sender(EmailProperties properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(properties.smtpHost());
        sender.setPort(properties.smtpPort());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean authenticated = properties.smtpUsername() != null && !properties.smtpUsername().isBlank();
        if (authenticated) {
            sender.setUsername(properties.smtpUsername());
            sender.setPassword(properties.smtpPassword());
        }
        String protocol = properties.smtpSsl() ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        Properties mail = new Properties();
        mail.put("mail." + protocol + ".auth", Boolean.toString(authenticated));
        mail.put("mail.smtp.starttls.enable", Boolean.toString(!properties.smtpSsl()));
        mail.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
        mail.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
        mail.put("mail." + protocol + ".writetimeout", TIMEOUT_MILLIS);
        sender.setJavaMailProperties(mail);
        return sender;
    }
}
