package dev.userbase.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of an input, numbered from 1, each decoded as strict UTF-8; a final {@code \r} is
 * dropped. One line at a time: {@link #next()} reuses the buffer the last line was in.
 */
final class InputLines implements AutoCloseable {

  /** A line longer than this is an error, not a reason to run out of memory. */
  static final int MAX_LINE = 1 << 20;

  private final InputStream in;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8
      .newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;

  /** The line {@link #next()} returned last. */
  long number;

  /** Where its bytes are, when they are plain ASCII (no {@link #decoded} text then). */
  byte[] bytes;

  int offset;
  int length;
  private String decoded;

  /** Why the line cannot be read, or null. */
  String error;

  InputLines(InputStream in) {
    this.in = in;
  }

  /** Reads the next line; false at the end of the input. */
  boolean next() throws IOException {
    boolean tooLong = false;
    int from = start;
    int newline;
    while (true) {
      newline = indexOfNewline(from);
      if (newline >= 0) {
        break;
      }
      if (eof) {
        if (start == end && !tooLong) {
          return false;
        }
        newline = end;
        break;
      }
      if (end - start > MAX_LINE) {
        // Too long to keep: drop what there is of it, and look for its end.
        tooLong = true;
        start = 0;
        end = 0;
      } else if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      from = end;
      int read = in.read(buffer, end, buffer.length - end);
      if (read < 0) {
        eof = true;
      } else {
        end += read;
      }
    }
    number++;
    error = null;
    decoded = null;
    bytes = buffer;
    offset = start;
    length = newline - start;
    start = Math.min(newline + 1, end);
    if (tooLong || length > MAX_LINE) {
      error = "is longer than " + MAX_LINE + " bytes";
      length = 0;
      return true;
    }
    if (length > 0 && buffer[offset + length - 1] == '\r') {
      length--;
    }
    for (int i = offset; i < offset + length; i++) {
      if (buffer[i] < 0) {
        try {
          decoded = utf8.reset().decode(ByteBuffer.wrap(buffer, offset, length)).toString();
        } catch (CharacterCodingException e) {
          error = "is not valid UTF-8";
          length = 0;
        }
        break;
      }
    }
    return true;
  }

  private int indexOfNewline(int from) {
    for (int i = from; i < end; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The line's text ("" for a line that cannot be read). */
  String text() {
    if (decoded == null) {
      decoded = error != null ? "" : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    return decoded;
  }

  boolean blank() {
    return error == null && length == 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
