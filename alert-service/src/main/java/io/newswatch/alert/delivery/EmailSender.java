package io.newswatch.alert.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends alert emails with Quarkus Mailer: plain text plus HTML. The SMTP server, port, TLS and
 * credentials come from {@code QUARKUS_MAILER_*} environment variables; see README.
 */
@ApplicationScoped
public class EmailSender {

  private final ReactiveMailer mailer;
  private final Duration timeout;
  private final String domain;

  EmailSender(
      ReactiveMailer mailer,
      DeliveryConfig config,
      @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "newswatch@localhost")
          String from) {
    this.mailer = mailer;
    this.timeout = config.requestTimeout();
    int at = from.lastIndexOf('@');
    this.domain = at >= 0 ? from.substring(at + 1).replace(">", "").strip() : "newswatch";
  }

  /** Sends once; the message id is the same on every attempt, so clients can spot a repeat. */
  public Attempt send(DeliveryChannel.Email email, String messageId, EmailRenderer.Email content) {
    Mail mail =
        new Mail()
            .setTo(email.to())
            .setSubject(content.subject())
            .setText(content.text())
            .setHtml(content.html())
            .addHeader("Message-ID", "<" + messageId + "@" + domain + ">")
            .addHeader("X-NewsWatch-Message-Id", messageId);
    try {
      mailer.send(mail).await().atMost(timeout);
      return Attempt.delivered(null);
    } catch (RuntimeException e) {
      return Attempt.retry(
          null, Optional.empty(), "the SMTP server did not take it: " + describe(e));
    }
  }

  private static String describe(Throwable e) {
    String description = e.getClass().getSimpleName();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        description = cause.getMessage();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return description;
  }
}
