package io.newswatch.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Follows a log file that another process writes, printing each complete new line once. */
final class LogTail {

  private final Path file;
  private long offset;
  private final StringBuilder partial = new StringBuilder();

  /**
   * @param offset where to start reading, e.g. the file's size before the writer started
   */
  LogTail(Path file, long offset) {
    this.file = file;
    this.offset = offset;
  }

  /** Prints the lines completed since the last call. */
  void printNewLines(PrintStream out) {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= offset) {
        return;
      }
      byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
      in.seek(offset);
      in.readFully(bytes);
      offset += bytes.length;
      partial.append(new String(bytes, StandardCharsets.UTF_8));
      int newline;
      while ((newline = partial.indexOf("\n")) >= 0) {
        out.println(partial.substring(0, newline));
        partial.delete(0, newline + 1);
      }
    } catch (IOException e) {
      // The writer may be rotating or has gone; the next call tries again.
    }
  }
}
