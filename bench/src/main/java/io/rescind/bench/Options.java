package io.rescind.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options, every one with a default. */
record Options(Map<String, String> values) {

    static Options parse(String[] args, int from) {
        var values = new HashMap<String, String>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Options(Map.copyOf(values));
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        var value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int number(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    long bigNumber(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
    }

    List<Integer> numbers(String name, String fallback) {
        return Arrays.stream(text(name, fallback).split(","))
                .map(String::strip)
                .map(Integer::valueOf)
                .toList();
    }

    List<String> words(String name, String fallback) {
        return Arrays.stream(text(name, fallback).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    Path path(String name, String fallback) {
        return Path.of(text(name, fallback));
    }
}
