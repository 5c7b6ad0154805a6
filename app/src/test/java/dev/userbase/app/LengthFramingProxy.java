package dev.userbase.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A front proxy of the kind request smuggling feeds on: it frames every request by its
 * Content-Length alone (ignoring Transfer-Encoding), and sends them all, one client after another,
 * over one kept-alive connection to the server, which it opens again only when the server closes
 * it. Answers are read by their Content-Length. One client at a time, on the test's thread.
 */
final class LengthFramingProxy implements AutoCloseable {

  private final String host;
  private final int port;
  private final ServerSocket listener;
  private Socket upstream;

  LengthFramingProxy(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.listener = new ServerSocket(0);
    listener.setSoTimeout(RawHttp.TIMEOUT_MS);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Accepts one client, relays its one request and the one answer, and closes it. */
  void relayOne() throws IOException {
    try (Socket client = listener.accept()) {
      client.setSoTimeout(RawHttp.TIMEOUT_MS);
      InputStream in = client.getInputStream();
      String head = readHead(in);
      byte[] body = in.readNBytes(contentLength(head));
      if (upstream == null || upstream.isClosed()) {
        upstream = new Socket(host, port);
        upstream.setSoTimeout(RawHttp.TIMEOUT_MS);
      }
      OutputStream out = upstream.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      String answerHead;
      byte[] answerBody;
      try {
        answerHead = readHead(upstream.getInputStream());
        answerBody = upstream.getInputStream().readNBytes(contentLength(answerHead));
      } catch (IOException e) {
        upstream.close();
        throw e;
      }
      if (answerHead.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n")) {
        upstream.close();
      }
      client.getOutputStream().write(answerHead.getBytes(StandardCharsets.ISO_8859_1));
      client.getOutputStream().write(answerBody);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new SocketException("closed inside a head");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static int contentLength(String head) {
    return head.toLowerCase(Locale.ROOT)
        .lines()
        .filter(line -> line.startsWith("content-length:"))
        .map(line -> Integer.parseInt(line.substring("content-length:".length()).strip()))
        .findFirst()
        .orElse(0);
  }

  @Override
  public void close() throws IOException {
    try (listener) {
      if (upstream != null) {
        upstream.close();
      }
    }
  }
}
