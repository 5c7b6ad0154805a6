package dev.userbase.api.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The export's pipe: the data arrive whole although the thread that wrote them ended before
 * another closed the pipe (where PipedInputStream reports "write end dead"); a failure reaches
 * the reader; a reader that goes away stops the writer.
 */
class ChunkPipeTest {

  @Test
  void theDataArriveWholeWhenTheWriterEndsBeforeTheCloseComes() throws Exception {
    byte[] data = new byte[3 * 65_536 + 123];
    new Random(7).nextBytes(data);
    ChunkPipe pipe = new ChunkPipe();
    Thread writer = new Thread(() -> {
      try {
        pipe.out.write(data, 0, 1000);
        pipe.out.write(data, 1000, data.length - 1000);
        pipe.out.flush();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    Thread closer = new Thread(() -> {
      try {
        writer.join();
        Thread.sleep(50); // the writer is dead well before the close
        pipe.out.close();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    closer.start();
    byte[] read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pipe.in.readAllBytes());
    assertThat(read).isEqualTo(data);
  }

  @Test
  void aFailureReachesTheReaderInsteadOfAnEnd() throws Exception {
    ChunkPipe pipe = new ChunkPipe();
    pipe.out.write(new byte[] {1, 2, 3});
    pipe.out.flush();
    pipe.fail(new IOException("the export failed: disk gone"));
    byte[] start = new byte[3];
    assertThat(pipe.in.read(start, 0, 3)).isEqualTo(3);
    assertThatThrownBy(() -> pipe.in.read(start, 0, 3))
        .isInstanceOf(IOException.class)
        .hasMessage("the export failed: disk gone");
  }

  @Test
  void aReaderThatGoesAwayStopsTheWriter() throws IOException {
    ChunkPipe pipe = new ChunkPipe();
    pipe.in.close();
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> assertThatThrownBy(() -> {
              byte[] chunk = new byte[65_536];
              for (int i = 0; i < 100; i++) {
                pipe.out.write(chunk);
              }
            })
            .isInstanceOf(IOException.class)
            .hasMessage("the reader went away"));
  }
}
