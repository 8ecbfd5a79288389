package io.newswatch.taxonomy.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the taxonomy's tab-separated files: comments, a header, rows of a fixed width. */
final class Tsv {

  /** One data line: its number in the file and its cells. */
  record Row(String file, int line, List<String> cells) {

    String cell(int index) {
      return cells.get(index).strip();
    }

    String where() {
      return file + ":" + line;
    }
  }

  private Tsv() {}

  static List<Row> parse(String file, String content, List<String> header, List<String> problems) {
    List<Row> rows = new ArrayList<>();
    String[] lines = content.split("\r?\n", -1);
    boolean headerSeen = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = Arrays.asList(line.split("\t", -1));
      if (!headerSeen) {
        headerSeen = true;
        if (!cells.equals(header)) {
          problems.add(
              file
                  + ":"
                  + (i + 1)
                  + ": header must be "
                  + String.join(" | ", header)
                  + ", was "
                  + String.join(" | ", cells));
          return rows;
        }
        continue;
      }
      if (cells.size() != header.size()) {
        problems.add(
            file
                + ":"
                + (i + 1)
                + ": expected "
                + header.size()
                + " tab-separated columns, found "
                + cells.size());
        continue;
      }
      rows.add(new Row(file, i + 1, cells));
    }
    if (!headerSeen) {
      problems.add(file + ": no header line");
    }
    return rows;
  }

  /** The non-empty items of a list cell. */
  static List<String> list(String cell, String separator) {
    List<String> items = new ArrayList<>();
    for (String item : cell.split(Pattern.quote(separator), -1)) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }
}
