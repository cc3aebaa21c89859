// Spring Boot is not in Debian; Jakarta Mail is (libjakarta-mail-java). This reads an
// application.properties snippet the way Spring Boot binds spring.mail.*: ${NAME} and
// ${NAME:default} come from the environment, spring.mail.properties.* become the mail session's
// properties, and the transport connects with spring.mail.host, port, username and password, as
// Spring's JavaMailSenderImpl does. Usage: java SpringMailHarness path/to/application.properties
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.FileReader;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SpringMailHarness {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^}]*))?\\}");

  static String resolve(String value) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String env = System.getenv(m.group(1));
      String v = env != null ? env : m.group(2);
      if (v == null) throw new IllegalArgumentException("Could not resolve placeholder '" + m.group(1) + "'");
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  public static void main(String[] args) throws Exception {
    Properties file = new Properties();
    try (FileReader r = new FileReader(args[0])) {
      file.load(r);
    }
    Properties mail = new Properties();
    for (String key : file.stringPropertyNames()) {
      if (key.startsWith("spring.mail.properties.")) {
        mail.setProperty(key.substring("spring.mail.properties.".length()), resolve(file.getProperty(key)));
      }
    }
    String host = resolve(file.getProperty("spring.mail.host"));
    int port = Integer.parseInt(resolve(file.getProperty("spring.mail.port", "-1")));
    String user = resolve(file.getProperty("spring.mail.username"));
    String password = resolve(file.getProperty("spring.mail.password"));
    String from = resolve(file.getProperty("app.mail.from"));
    String to = System.getenv("TEST_MAIL_TO") != null ? System.getenv("TEST_MAIL_TO") : "success@simulator.amazonses.com";
    Session session = Session.getInstance(mail);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    message.setRecipients(Message.RecipientType.TO, to);
    message.setSubject("Test from Spring through Amazon SES");
    message.setText("It works.");
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(host, port, user, password);
      transport.sendMessage(message, message.getAllRecipients());
    }
    System.out.println("Sent");
  }
}
