package io.newswatch.alert.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.newswatch.stack.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real SMTP server (GreenMail) on loopback for the email tests; alert-service sends to it. */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

  private static GreenMail greenMail;

  @Override
  public Map<String, String> start() {
    int port = FreePorts.pick();
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return Map.of(
        "quarkus.mailer.host", "127.0.0.1",
        "quarkus.mailer.port", Integer.toString(port),
        "quarkus.mailer.start-tls", "DISABLED",
        "quarkus.mailer.from", "NewsWatch <alerts@newswatch.test>");
  }

  @Override
  public void stop() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  public static GreenMail mail() {
    return greenMail;
  }
}
