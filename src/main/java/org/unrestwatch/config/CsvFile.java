package org.unrestwatch.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 4180 reader for the data files in {@code config/}: a header row, quoted fields with
 * doubled quotes, blank lines and {@code #} comment lines skipped. Each row keeps its line number
 * so that errors can point at it.
 */
public final class CsvFile {
    public record Row(String file, int line, Map<String, Integer> columns, List<String> values) {
        public String get(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw ConfigException.at(file, line, "no column '" + column + "'");
            }
            return i < values.size() ? values.get(i).trim() : "";
        }

        public String require(String column) {
            String v = get(column);
            if (v.isEmpty()) {
                throw ConfigException.at(file, line, "column '" + column + "' is empty");
            }
            return v;
        }

        public double requireDouble(String column) {
            String v = require(column);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw ConfigException.at(file, line, "column '" + column + "' is not a number: '" + v + "'");
            }
        }

        public ConfigException error(String problem) {
            return ConfigException.at(file, line, problem);
        }
    }

    private CsvFile() {
    }

    public static List<Row> read(Path path, String... requiredColumns) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString(), requiredColumns);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static List<Row> read(InputStream in, String name, String... requiredColumns) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> columns = null;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            int startLine = lineNo;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // A quoted field may span lines: keep reading until the quotes balance.
            while (countQuotes(line) % 2 == 1) {
                String next = reader.readLine();
                if (next == null) {
                    throw ConfigException.at(name, startLine, "unterminated quoted field");
                }
                lineNo++;
                line = line + "\n" + next;
            }
            List<String> values = split(line);
            if (columns == null) {
                columns = new HashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    columns.put(values.get(i).trim(), i);
                }
                for (String required : requiredColumns) {
                    if (!columns.containsKey(required)) {
                        throw ConfigException.at(name, startLine, "header lacks column '" + required + "'");
                    }
                }
                continue;
            }
            rows.add(new Row(name, startLine, columns, values));
        }
        if (columns == null) {
            throw ConfigException.at(name, 1, "file is empty (a header row is required)");
        }
        return rows;
    }

    private static int countQuotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
