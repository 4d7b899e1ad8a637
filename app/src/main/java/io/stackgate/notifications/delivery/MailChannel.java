package io.stackgate.notifications.delivery;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends a notice by mail through Spring's mail support (SMTP at {@code spring.mail.host}). The Message-ID derives from
 * the notice and channel, so every attempt of one delivery is the same message to anyone who looks.
 */
@Component
class MailChannel {

    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationProperties properties;

    MailChannel(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    void send(DeliveryStore.Outgoing notice, NoticeTemplates.Rendered text, String idempotencyKey) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailed("mail is not configured (spring.mail.host)", true);
        }
        if (notice.email() == null) {
            throw new DeliveryFailed("the recipient has no e-mail address any more", true);
        }
        try {
            Session session = sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new java.util.Properties());
            MimeMessage message = new FixedIdMessage(session, "<" + idempotencyKey + "@stackgate>");
            message.setFrom(new InternetAddress(properties.mailFrom()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notice.email()));
            message.setSubject(text.subject(), StandardCharsets.UTF_8.name());
            message.setText(text.body(), StandardCharsets.UTF_8.name());
            message.setHeader("Idempotency-Key", idempotencyKey);
            sender.send(message);
        } catch (MailException | MessagingException e) {
            throw new DeliveryFailed("mail: " + rootMessage(e), false);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Keeps the Message-ID it was given (JavaMail would make a random one on send). */
    private static final class FixedIdMessage extends MimeMessage {

        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
