package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.stack.LauncherOptions.Command;
import io.newswatch.stack.LauncherOptions.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherOptionsTest {

  private static LauncherOptions parse(String... args) throws UsageException {
    return LauncherOptions.parse(List.of(args));
  }

  @Test
  void upWithoutOptionsUsesTheDefaultPortsAndTemporaryData() throws UsageException {
    LauncherOptions options = parse("up");

    assertThat(options.command()).isEqualTo(Command.UP);
    assertThat(options.port(Service.INGEST)).isEqualTo(8081);
    assertThat(options.port(Service.CLASSIFY)).isEqualTo(8082);
    assertThat(options.port(Service.ALERT)).isEqualTo(8083);
    assertThat(options.dataDirectory()).isNull();
    assertThat(options.feeds()).isNull();
    assertThat(options.detach()).isFalse();
    assertThat(options.instances(Service.CLASSIFY)).isEqualTo(1);
  }

  @Test
  void takesEveryOptionOfUpInBothSpellings() throws UsageException {
    LauncherOptions options =
        parse(
            "up",
            "--feeds",
            "feeds.opml",
            "--data=/var/newswatch",
            "--ingest-port",
            "9081",
            "--classify-port=9082",
            "--alert-port",
            "0",
            "--scale",
            "classify=3",
            "--scale=alert-service=2",
            "--detach",
            "--root",
            "/src/newswatch");

    assertThat(options.feeds()).isEqualTo(Path.of("feeds.opml"));
    assertThat(options.dataDirectory()).isEqualTo(Path.of("/var/newswatch"));
    assertThat(options.port(Service.INGEST)).isEqualTo(9081);
    assertThat(options.port(Service.CLASSIFY)).isEqualTo(9082);
    assertThat(options.port(Service.ALERT)).isZero();
    assertThat(options.instances(Service.CLASSIFY)).isEqualTo(3);
    assertThat(options.instances(Service.ALERT)).isEqualTo(2);
    assertThat(options.instances(Service.INGEST)).isEqualTo(1);
    assertThat(options.detach()).isTrue();
    assertThat(options.root()).isEqualTo(Path.of("/src/newswatch"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                  | a command is needed",
        "start                               | unknown command 'start'",
        "up --port 8081                      | unknown option --port",
        "up --bogus                          | unknown option --bogus",
        "up --data                           | option --data needs a value",
        "up --ingest-port eighty             | --ingest-port must be a port number, was 'eighty'",
        "up --alert-port 70000               | --alert-port must be a port number between 1 and 65535",
        "up --ingest-port 9000 --alert-port 9000 | ingest-service and alert-service cannot both listen on port 9000",
        "up --scale classify                 | --scale takes SERVICE=N",
        "up --scale mailer=2                 | unknown service 'mailer'",
        "up --scale classify=0               | --scale classify-service must be between 1 and 8",
        "up --scale classify=many            | --scale needs a number of instances, was 'many'",
        "up stray                            | unexpected argument 'stray'",
        "demo --data /tmp/x                  | demo does not take --data: the demo always starts from empty, temporary storage",
        "demo --detach                       | demo does not take --detach: the demo prints its alerts in this terminal",
        "demo --feeds a.opml                 | demo does not take --feeds",
        "status --data /tmp/x                | status does not take --data",
        "stop --detach                       | stop does not take --detach",
      })
  void refusesABadCommandLineSayingWhy(String commandLine, String message) {
    String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split("\\s+");

    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void helpWinsOverEverythingElse() throws UsageException {
    assertThat(parse("help").command()).isEqualTo(Command.HELP);
    assertThat(parse("--help").command()).isEqualTo(Command.HELP);
    assertThat(parse("up", "--help").command()).isEqualTo(Command.HELP);
  }

  @Test
  void demoTakesPortsAndScale() throws UsageException {
    LauncherOptions options = parse("demo", "--alert-port", "9083", "--scale", "classify=2");

    assertThat(options.command()).isEqualTo(Command.DEMO);
    assertThat(options.port(Service.ALERT)).isEqualTo(9083);
    assertThat(options.instances(Service.CLASSIFY)).isEqualTo(2);
  }

  @Test
  void theBackgroundLauncherGetsTheSameStackWithAbsolutePathsButNotTheFeeds()
      throws UsageException {
    LauncherOptions options =
        parse(
            "up",
            "--detach",
            "--data",
            "data",
            "--feeds",
            "f.opml",
            "--ingest-port",
            "0",
            "--scale",
            "alert=2",
            "--root",
            ".");

    List<String> arguments = options.backgroundArguments();

    assertThat(arguments)
        .containsSubsequence("up", "--root", Path.of(".").toAbsolutePath().normalize().toString())
        .containsSubsequence("--data", Path.of("data").toAbsolutePath().normalize().toString())
        .containsSubsequence("--ingest-port", "0")
        .containsSubsequence("--classify-port", "8082")
        .containsSubsequence("--scale", "alert-service=2")
        .endsWith("--background")
        .doesNotContain("--detach", "--feeds", "f.opml");
    LauncherOptions background = LauncherOptions.parse(arguments);
    assertThat(background.background()).isTrue();
    assertThat(background.detach()).isFalse();
    assertThat(background.ports()).isEqualTo(options.ports());
    assertThat(background.instances()).isEqualTo(options.instances());
  }
}
