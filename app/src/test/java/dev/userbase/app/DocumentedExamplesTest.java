package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The curl examples of the README and of docs/api.md run as they stand, in order, against a fresh
 * server, and each answers with the status its comment gives ({@code # 201 …}): the docs cannot
 * drift from the service again. The commands are read here rather than run by a shell, so the
 * test needs no curl; an option it does not know fails it, which keeps the examples plain.
 */
class DocumentedExamplesTest {

  private static final Pattern EXPECTED = Pattern.compile("^(.*?)\\s+#\\D*?(\\d{3})\\b.*$");

  @TempDir
  Path folder;

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docs/api.md"})
  void everyExampleAnswersAsItsCommentSays(String page) throws Exception {
    List<String> commands = curlCommands(Path.of("..").resolve(page));
    assertThat(commands).as("curl examples in " + page).hasSizeGreaterThan(4);
    try (EmbeddedServer server = ApplicationContext.run(
        EmbeddedServer.class,
        Map.of(
            "userbase.sqlite.path",
            folder.resolve("examples.db").toString(),
            "micronaut.server.port",
            -1))) {
      HttpClient client = HttpClient.newHttpClient();
      for (String command : commands) {
        Matcher expected = EXPECTED.matcher(command);
        assertThat(expected.matches())
            .as("%s: every example's comment gives its status: %s", page, command)
            .isTrue();
        HttpRequest request = request(expected.group(1), server.getPort());
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
            .as("%s: %s answered %s", page, command, answer.body())
            .isEqualTo(Integer.parseInt(expected.group(2)));
      }
    }
  }

  /** Every curl command in the page's {@code sh} blocks, continuation lines joined, in order. */
  private static List<String> curlCommands(Path page) throws IOException {
    List<String> commands = new ArrayList<>();
    boolean inShell = false;
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        inShell = line.equals("```sh");
        continue;
      }
      if (!inShell) {
        continue;
      }
      if (!pending.isEmpty() || line.startsWith("curl ")) {
        boolean continues = line.stripTrailing().endsWith("\\");
        String part = line.stripTrailing();
        pending.append(continues ? part.substring(0, part.length() - 1) : part).append(' ');
        if (!continues) {
          commands.add(pending.toString().strip());
          pending.setLength(0);
        }
      }
    }
    return commands;
  }

  /** The request a curl command line makes, for the options the docs use. */
  private static HttpRequest request(String command, int port) {
    List<String> words = words(command);
    assertThat(words.get(0)).isEqualTo("curl");
    String method = null;
    String body = null;
    String url = null;
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      switch (word) {
        case "-i", "-s", "-si", "-is" -> {}
        case "-X" -> method = words.get(++i);
        case "-H" -> headers.add(words.get(++i));
        case "-d" -> body = words.get(++i);
        default -> {
          assertThat(word).as("an option this test knows, in: " + command).doesNotStartWith("-");
          assertThat(url).as("one URL in: " + command).isNull();
          url = word;
        }
      }
    }
    assertThat(url).as("a URL in: " + command).startsWith("localhost:8080/");
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + url.substring("localhost:8080".length())));
    boolean typed = false;
    for (String header : headers) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).strip();
      request.header(name, header.substring(colon + 1).strip());
      typed |= name.equalsIgnoreCase("Content-Type");
    }
    if (body != null && !typed) {
      // curl's own default for -d.
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    String verb = method != null ? method : body != null ? "POST" : "GET";
    return request
        .method(
            verb,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** A command line's words, as a POSIX shell splits them, for single and double quotes. */
  private static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    assertThat(quote == 0).as("quotes closed in: " + command).isTrue();
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
