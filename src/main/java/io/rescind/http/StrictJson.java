package io.rescind.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * One reading of JSON for every API: a body that says two things at once, or something our
 * database would silently change, is refused with the field named instead of being coerced.
 *
 * <ul>
 *   <li>a key given twice in one object ("last wins" would hide what the client meant);
 *   <li>a fraction where a whole number is expected ({@code "quantity": 1.5} is not 1);
 *   <li>{@code null} as an element of a list;
 *   <li>a NUL (PostgreSQL cannot store it) or a lone UTF-16 surrogate (stored as {@code ?}) in any
 *       string, typed or untyped, value or key.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // [null] where a list of objects is expected names nothing: refused, not a NullPointerException.
                .withConfigOverride(
                        List.class, override -> override.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
                .addModule(new SimpleModule("rescind-strict-text")
                        .addDeserializer(String.class, new Strings())
                        .addDeserializer(Object.class, new Untyped())
                        .addKeyDeserializer(String.class, new Keys()));
    }

    /** Why a text cannot be taken as it is, or null when it can. */
    static String flaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone UTF-16 surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone UTF-16 surrogate";
            }
        }
        return null;
    }

    private static String checked(JsonParser parser, String text) {
        var flaw = text == null ? null : flaw(text);
        if (flaw != null) {
            throw InvalidFormatException.from(parser, "The text " + flaw, text, String.class);
        }
        return text;
    }

    private static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return checked(parser, StringDeserializer.instance.deserialize(parser, context));
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return checked(context.getParser(), key);
        }
    }

    /** Untyped values ({@code Map<String, Object>}) as maps, lists, strings, numbers and booleans, checked. */
    private static final class Untyped extends StdDeserializer<Object> {

        Untyped() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            return plain(parser, context.readTree(parser));
        }

        @Override
        public Object getNullValue(DeserializationContext context) {
            return null;
        }

        private static Object plain(JsonParser parser, JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isObject()) {
                var map = new LinkedHashMap<String, Object>();
                for (var entry : node.properties()) {
                    map.put(checked(parser, entry.getKey()), plain(parser, entry.getValue()));
                }
                return map;
            }
            if (node.isArray()) {
                var list = new ArrayList<Object>();
                node.forEach(element -> list.add(plain(parser, element)));
                return list;
            }
            if (node.isNumber()) {
                return node.numberValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return checked(parser, node.asString());
        }
    }
}
